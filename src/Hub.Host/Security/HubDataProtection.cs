using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Hub.Host.Security;

/// <summary>One data-protection key (what protects session cookies and antiforgery tokens), as the key manager wrote it.</summary>
public sealed class DataProtectionKey
{
    /// <summary>The key manager's friendly name for the element (key-{guid}), unique per key.</summary>
    public string Id { get; set; } = "";

    /// <summary>The key's XML; an EncryptedData element instead of the key itself when a certificate is configured.</summary>
    public string Xml { get; set; } = "";
}

/// <summary>
/// Keeps the key ring in the hub's database, so every replica on that database shares it, a restart keeps sessions
/// (until their own end), and two installs on two databases never share keys by accident, as they did when the ring
/// lived in the OS user's folder.
/// </summary>
public sealed class MartenXmlRepository(IDocumentStore store) : IXmlRepository
{
    // The key manager calls these synchronously, rarely (start, then about once a day, and when it makes a key).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        var keys = session.Query<DataProtectionKey>().ToListAsync().GetAwaiter().GetResult();
        return keys.Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DataProtectionKey { Id = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}

public static class HubDataProtection
{
    public const string CertificatePathSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";

    /// <summary>
    /// Data protection with its keys in the database, isolated by application name and environment, and the keys
    /// encrypted at rest with the configured certificate (a PFX with its private key). Returns the problem with the
    /// certificate setting as one line naming it, never echoing the password.
    /// </summary>
    public static string? AddHubDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.ConfigureMarten(o => o.Schema.For<DataProtectionKey>());
        // The default discriminator is the content root path, which differs between replicas; the environment keeps a
        // Development hub's cookies out of a Production hub even if both were pointed at one database.
        var builder = services.AddDataProtection().SetApplicationName($"integration-hub:{environment.EnvironmentName}");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new MartenXmlRepository(sp.GetRequiredService<IDocumentStore>())));

        if (configuration[CertificatePathSetting] is not { Length: > 0 } path) return null;
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordSetting]);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"{CertificatePathSetting}: cannot read the PFX at '{path}' ({ex.GetType().Name}); check the file and {CertificatePasswordSetting}.";
        }
        if (!certificate.HasPrivateKey)
            return $"{CertificatePathSetting}: the certificate at '{path}' has no private key; the hub needs it to read its keys back.";
        builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        return null;
    }
}
