using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Alba;
using Hub.Host.Security;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Host.Security;

/// <summary>
/// The data-protection key ring (what protects session cookies and antiforgery tokens) lives in the hub's database:
/// two hubs on one database read each other's cookies, two hubs on two databases never do.
/// </summary>
public sealed class DataProtectionKeysTests
{
    private static async Task<string> ProtectAsync(IAlbaHost host, string text) =>
        await Task.FromResult(host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(text));

    private static string Unprotect(IAlbaHost host, string payload) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload);

    [Fact]
    public async Task two_hubs_on_one_database_share_the_key_ring_and_a_hub_on_another_database_does_not()
    {
        var shared = await TestDatabase.CreateAsync("dp_shared", fresh: true);
        var other = await TestDatabase.CreateAsync("dp_other", fresh: true);
        await using var first = await HubFixture.StartHostAsync(shared, new Dictionary<string, string?>());
        await using var second = await HubFixture.StartHostAsync(shared, new Dictionary<string, string?>());
        await using var elsewhere = await HubFixture.StartHostAsync(other, new Dictionary<string, string?>());

        var payload = await ProtectAsync(first, "a session");
        Assert.Equal("a session", Unprotect(second, payload));
        Assert.Equal("a session", Unprotect(second, await ProtectAsync(second, "a session")));
        Assert.ThrowsAny<CryptographicException>(() => Unprotect(elsewhere, payload));

        await using var query = first.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var keys = await query.Query<DataProtectionKey>().ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k.Xml));
    }

    [Fact]
    public async Task with_a_certificate_configured_the_keys_are_stored_encrypted()
    {
        var cs = await TestDatabase.CreateAsync("dp_encrypted", fresh: true);
        var pfx = Path.Combine(Path.GetTempPath(), $"hub-dp-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=integration-hub data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password-for-the-test"));
        }
        try
        {
            var settings = new Dictionary<string, string?>
            {
                [HubDataProtection.CertificatePathSetting] = pfx,
                [HubDataProtection.CertificatePasswordSetting] = "pfx-password-for-the-test",
            };
            string payload;
            await using (var host = await HubFixture.StartHostAsync(cs, settings))
            {
                payload = await ProtectAsync(host, "encrypted at rest");
                await using var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
                var key = Assert.Single(await query.Query<DataProtectionKey>().ToListAsync());
                Assert.Contains("EncryptedData", key.Xml);
                Assert.DoesNotContain("<masterKey", key.Xml);
            }
            // A restarted hub with the certificate reads its keys back.
            await using var restarted = await HubFixture.StartHostAsync(cs, settings);
            Assert.Equal("encrypted at rest", Unprotect(restarted, payload));
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
