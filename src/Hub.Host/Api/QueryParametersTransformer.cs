using System.Reflection;
using FastEndpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hub.Host.Api;

/// <summary>
/// FastEndpoints describes a GET's request DTO as a body (its own Swagger package, absent from our registry,
/// would fix that). This turns such a body into the query and route parameters it really binds from, under
/// their wire names ([BindFrom]), so the API reference shows what a caller actually sends.
/// </summary>
public sealed class QueryParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var method = context.Description.HttpMethod;
        if (method is not ("GET" or "DELETE" or "HEAD")) return Task.CompletedTask;
        var definition = context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointDefinition>().FirstOrDefault();
        var requestType = definition?.ReqDtoType;
        if (requestType is null || requestType == typeof(EmptyRequest)) return Task.CompletedTask;

        operation.RequestBody = null;
        var route = context.Description.RelativePath ?? "";
        operation.Parameters ??= [];
        // Only what binds: a read-only property (ParsedFormat) is the endpoint's own reading of a parameter, not one.
        foreach (var property in requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var name = property.GetCustomAttribute<BindFromAttribute>()?.Name ?? property.Name;
            var inRoute = route.Contains('{' + name, StringComparison.OrdinalIgnoreCase);
            if (operation.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))) continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = inRoute ? name.ToLowerInvariant() : name,
                In = inRoute ? ParameterLocation.Path : ParameterLocation.Query,
                Required = inRoute,
                Schema = SchemaFor(property.PropertyType)
            });
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema SchemaFor(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int) || t == typeof(long)) return new OpenApiSchema { Type = JsonSchemaType.Integer };
        if (t == typeof(bool)) return new OpenApiSchema { Type = JsonSchemaType.Boolean };
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
        if (t == typeof(Guid)) return new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
        return new OpenApiSchema { Type = JsonSchemaType.String };
    }
}
