using Hub.Admin.Shell;
using Hub.Admin.SignIn;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Admin;

/// <summary>The Admin module: server-rendered pages under /admin, signed in with an API key and kept by a cookie.</summary>
public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AdminOptions.From(configuration));
        services.AddAdminAuthentication(AdminSessionOptions.From(configuration));
        services.ConfigureMarten(o => o.Schema.For<AdminSession>());
        services.AddAdminCulture(configuration);
        services.AddAdminClock(configuration);
        return services;
    }
}
