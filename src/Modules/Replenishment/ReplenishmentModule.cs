using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Replenishment;

/// <summary>The Replenishment module. It registers itself so the host's wiring is final; its slices arrive with their issues.</summary>
public static class ReplenishmentModule
{
    public static IServiceCollection AddReplenishment(this IServiceCollection services, IConfiguration configuration) => services;
}
