using Hub.Logs.Writing;

namespace Hub.Host.Configuration;

/// <summary>
/// A copy of the configuration with credentials masked, provider by provider. The `describe` command prints
/// every configuration value with its source; operators paste that output into tickets, so it gets this copy.
/// </summary>
public static class MaskedConfiguration
{
    public static IConfigurationRoot From(IConfigurationRoot root)
    {
        var builder = new ConfigurationBuilder();
        foreach (var provider in root.Providers)
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, _) in root.AsEnumerable())
                if (provider.TryGet(key, out var value))
                    values[key] = Mask(key, value);
            builder.Add(new MaskedSource(provider.ToString() ?? provider.GetType().Name, values));
        }
        return builder.Build();
    }

    public static string? Mask(string key, string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        var last = key[(key.LastIndexOf(':') + 1)..];
        // API keys sit under names ("Key", "Sha256", "DevelopmentKey") that look harmless elsewhere: the whole
        // Auth section is masked except what names a key and its role.
        var isAccess = key.StartsWith("Auth:", StringComparison.OrdinalIgnoreCase) && last is not ("Name" or "Role");
        return isAccess || CredentialScrubber.IsSensitiveKey(last) ? CredentialScrubber.Mask : CredentialScrubber.ScrubText(value);
    }

    private sealed class MaskedSource(string name, IDictionary<string, string?> values) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new MaskedProvider(name, values);
    }

    private sealed class MaskedProvider : ConfigurationProvider
    {
        private readonly string _name;

        public MaskedProvider(string name, IDictionary<string, string?> values)
        {
            _name = name;
            foreach (var (k, v) in values) Data[k] = v;
        }

        public override string ToString() => $"{_name}, secrets masked";
    }
}
