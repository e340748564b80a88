using Wolverine;

namespace Hub.Outbox.Notifications;

/// <summary>Sends one message to its channel; failing throws, and <see cref="NotificationFailurePolicy"/> says what happens next.</summary>
public static class SendNotificationHandler
{
    public static Task Handle(SendNotification message, Envelope envelope, NotificationSender sender, CancellationToken ct) =>
        sender.SendAsync(message, envelope.Attempts, ct);
}
