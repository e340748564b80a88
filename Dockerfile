# syntax=docker/dockerfile:1
# Multi-stage build of the hub. Package installs retry: mirrors fail transiently.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm restores the admin pages' htmx from its package-lock during the build.
RUN for i in 1 2 3; do (apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*) && break || sleep 5; done
WORKDIR /src
COPY nuget.config global.json Directory.Build.props Directory.Packages.props IntegrationHub.slnx ./
COPY eng/local-feed eng/local-feed
COPY src src
RUN for i in 1 2 3; do dotnet restore src/Hub.Host/Hub.Host.csproj && break || sleep 5; done
RUN dotnet publish src/Hub.Host/Hub.Host.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN for i in 1 2 3; do (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*) && break || sleep 5; done
WORKDIR /app
COPY --from=build /app .
# Wolverine's Balanced durability mode (the default outside Development): any number of replicas may share the database.
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "Hub.Host.dll"]
