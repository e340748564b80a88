namespace Hub.Simulators;

public static class Program
{
    public static Task Main(string[] args) => SimulatorServer.RunAsync(args);
}
