using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Outbox;

/// <summary>The Outbox module. It registers itself so the host's wiring is final; its slices arrive with their issues.</summary>
public static class OutboxModule
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration) => services;
}
