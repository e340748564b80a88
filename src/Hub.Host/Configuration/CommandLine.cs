namespace Hub.Host.Configuration;

/// <summary>Which JasperFx command a run is, to decide what start-up work applies to it.</summary>
public static class CommandLine
{
    // The operator commands below talk to a running hub over its API, not to the database.
    private static readonly HashSet<string> WithoutDatabase = ["help", "?", "version", "describe", "codegen", "replenish", "schedules", "dead-letters", "orders"];

    public static string CommandOf(string[] args) =>
        args.Length == 0 || args[0].StartsWith('-') ? "run" : args[0].ToLowerInvariant();

    public static bool StartsServer(string command) => command == "run";

    public static bool NeedsDatabase(string command) => !WithoutDatabase.Contains(command);
}
