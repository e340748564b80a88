namespace Hub.Simulators.State;

public sealed record TransferOrderDocument(
    Guid RefKey,
    string Number,
    DateTime Date,
    bool Posted,
    bool DeletionMark,
    Guid OrganizationKey,
    Guid SenderKey,
    Guid RecipientKey,
    string Status,
    string Comment,
    IReadOnlyList<TransferOrderLine> Lines,
    int DataVersion,
    int PostAttempts,
    DateTimeOffset Created);
