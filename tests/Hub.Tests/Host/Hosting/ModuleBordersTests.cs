using System.Reflection;
using System.Xml.Linq;

namespace Hub.Tests.Host.Hosting;

/// <summary>
/// The rule of docs/conventions.md: modules never reference each other, they share only Hub.Contracts (and the clients in
/// Hub.Integrations). Checked on the compiled assemblies and on the project files, so neither a using nor a reference slips in.
/// </summary>
public sealed class ModuleBordersTests
{
    private static readonly Assembly[] Modules =
    [
        typeof(Hub.Logs.LogsModule).Assembly, typeof(Hub.Outbox.OutboxModule).Assembly,
        typeof(Hub.Replenishment.ReplenishmentModule).Assembly, typeof(Hub.Admin.AdminModule).Assembly,
    ];

    public static TheoryData<string> ModuleNames() => new(Modules.Select(m => m.GetName().Name!));

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void a_module_assembly_references_no_other_module(string name)
    {
        var module = Modules.Single(m => m.GetName().Name == name);
        var others = Modules.Select(m => m.GetName().Name).Where(n => n != name).ToHashSet();
        var referenced = module.GetReferencedAssemblies().Select(a => a.Name).Where(others.Contains).ToArray();
        Assert.True(referenced.Length == 0, $"{name} references {string.Join(", ", referenced)}; share through Hub.Contracts instead");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void a_module_project_references_only_the_contracts_and_the_integrations(string name)
    {
        var folder = name.Replace("Hub.", "", StringComparison.Ordinal);
        var project = Path.Combine(RepositoryRoot(), "src", "Modules", folder, $"{name}.csproj");
        var references = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).ToArray();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, new[] { "Hub.Contracts", "Hub.Integrations" }));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.slnx"))) return dir.FullName;
        throw new InvalidOperationException("IntegrationHub.slnx not found above " + AppContext.BaseDirectory);
    }
}
