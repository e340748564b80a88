using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Admin;

/// <summary>The Admin module. It registers itself so the host's wiring is final; its slices arrive with their issues.</summary>
public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration) => services;
}
