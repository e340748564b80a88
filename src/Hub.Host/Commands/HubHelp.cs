using System.Reflection;
using JasperFx;
using JasperFx.CommandLine;
using JasperFx.CommandLine.Help;

namespace Hub.Host.Commands;

/// <summary>
/// <c>help</c> as an operator reads it: the hub's own commands first, then what Marten and Wolverine bring
/// (database, code generation, diagnostics). <c>help &lt;command&gt;</c> stays JasperFx's usage page.
/// </summary>
public static class HubHelp
{
    // The JasperFx commands that belong to the hub's daily use rather than to its internals.
    private static readonly Dictionary<string, string> Own = new(StringComparer.Ordinal)
    {
        ["run"] = "Starts the hub (the default without a command)",
        ["help"] = "This list; help <command> shows a command's arguments and flags",
    };

    public static bool Answers(string[] args) =>
        args.Length == 1 && args[0].ToLowerInvariant() is "help" or "?" or "--help" or "-h";

    /// <summary>
    /// JasperFx prints "Searching '…' for commands" for every extension assembly until its extensions were applied once;
    /// applying an empty set flips that latch, so a command's output is the command's alone.
    /// </summary>
    public static void SilenceDiscovery() => new CommandFactory().ApplyExtensions(new ServiceCollection());

    public static IReadOnlyList<(string Name, string Description, bool Hub)> Commands()
    {
        SilenceDiscovery();
        var factory = new CommandFactory();
        factory.RegisterCommands(typeof(HelpCommand).Assembly);
        factory.RegisterCommands(typeof(HubHelp).Assembly);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.GetCustomAttribute<JasperFxAssemblyAttribute>() is not null))
            factory.RegisterCommands(assembly);
        return factory.AllCommandTypes()
            .Select(t =>
            {
                var name = CommandFactory.CommandNameFor(t);
                var hub = t.Assembly == typeof(HubHelp).Assembly || Own.ContainsKey(name);
                return (name, Own.GetValueOrDefault(name) ?? CommandFactory.DescriptionFor(t), hub);
            })
            .DistinctBy(c => c.name)
            .OrderBy(c => c.hub ? 0 : 1).ThenBy(c => c.name == "run" ? 0 : 1).ThenBy(c => c.name, StringComparer.Ordinal)
            .ToList();
    }

    public static int Write(TextWriter output)
    {
        var commands = Commands();
        var width = commands.Max(c => c.Name.Length) + 3;
        output.WriteLine("Integration Hub commands:");
        foreach (var c in commands.Where(c => c.Hub)) output.WriteLine($"  {c.Name.PadRight(width)}{c.Description}");
        output.WriteLine();
        output.WriteLine("Marten and Wolverine commands (database schema, code generation, projections, diagnostics):");
        foreach (var c in commands.Where(c => !c.Hub)) output.WriteLine($"  {c.Name.PadRight(width)}{c.Description}");
        output.WriteLine();
        output.WriteLine("help <command> shows a command's arguments and flags. The operator commands (replenish, schedules, dead-letters, orders) " +
                         "call a running hub: HUB_URL and HUB_API_KEY, or --hub-url and --api-key.");
        return 0;
    }
}
