using JasperFx.CommandLine;

namespace Hub.Host.Commands;

/// <summary>Runs an operator command and turns its failures into one line on stderr and exit code 1.</summary>
public abstract class OperatorCommand<T> : JasperFxAsyncCommand<T> where T : HubApiInput
{
    public sealed override async Task<bool> Execute(T input)
    {
        try
        {
            using var api = input.Connect();
            return await RunAsync(input, api);
        }
        catch (CommandFailure failure)
        {
            Console.Error.WriteLine(failure.Message);
            return false;
        }
    }

    protected abstract Task<bool> RunAsync(T input, HubApi api);
}
