namespace Hub.Simulators.State;

// One request as the simulator saw it: when it arrived, what the client sent and how it was answered.
// Status is null unless Outcome is Answered: a timeout or drop fault, or a client that gave up, gets no answer.
public sealed record RecordedRequest(
    long Sequence,
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    string Query,
    string? AcceptEncoding,
    int? Status,
    int? ErrorCode,
    string? ContentEncoding,
    RequestOutcome Outcome);
