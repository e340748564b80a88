namespace Hub.Simulators.State;

public enum RequestOutcome
{
    Answered,
    TimedOut,
    Dropped,
    // The client went away before an answer was written (its own timeout, or cancellation).
    Abandoned,
}
