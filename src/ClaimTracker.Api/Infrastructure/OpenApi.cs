using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Features.Access;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Infrastructure;

public sealed record RequestExample(object Value);

public static class OpenApi
{
    public const string DocumentPath = "/openapi/v1.json";

    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExample(example));

    public static IServiceCollection AddClaimTrackerOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            // Feature types share short names (RecordClaim.Command, CreateSource.Command): prefix the feature.
            options.CreateSchemaReferenceId = info =>
                OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id && info.Type.DeclaringType is { } feature
                    ? feature.Name + id
                    : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ClaimTracker API",
                    Version = "v1",
                    Description = """
                        Track hedged claims in the news from their first unconfirmed report to their resolution, and every
                        source's track record along the way. Examples come from the sample story: Kim Jong Un's train
                        "appears" to have left for Russia (NDTV, 11 Sep 2023, from AFP citing Yonhap, YTN and The New York Times).
                        Errors are RFC 9457 problem details (application/problem+json); validation errors list each field in 'errors'.
                        Request bodies are limited to the size in ClaimTracker:Requests:MaxBodyBytes (1 MiB by default; larger ones get 413).
                        Calls need an API key in the X-Api-Key header (Authorize, above), with the role each operation names: reader, editor
                        or admin; a server may open reads to everyone. Creates take an Idempotency-Key header for safe retries; updates take
                        If-Match with the ETag a GET answered.
                        """,
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthentication.Header,
                    Description = "An API key (ctk_...), created by an administrator with POST /keys or `ClaimTracker.Migrations keys create`. scripts/run.sh prints one.",
                };
                if (Jwt(context.ApplicationServices).Enabled)
                    document.Components.SecuritySchemes[JwtAccess.SchemeName] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "A token from the newsroom's identity provider; its role claim (reader, editor or admin) decides what it may do.",
                    };
                return Task.CompletedTask;
            });
            // Enums travel as snake_case strings; say so, so that Swagger UI shows a string with its choices.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (schema.Enum is { Count: > 0 } && schema.Type is null) schema.Type = JsonSchemaType.String;
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<RequiredRole>().LastOrDefault() is { } required)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, context.Document)] = [] }];
                    if (Jwt(context.ApplicationServices).Enabled)
                        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(JwtAccess.SchemeName, context.Document)] = [] });
                    operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : "\n\n")}Needs an API key with the role {AccessPolicies.Name(required.Role)} or higher{(required.Role == Role.Reader ? " (unless the server opens reads to everyone)" : "")}.";
                }
                if (metadata.OfType<AcceptsIfMatchHeader>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "If-Match",
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "The ETag a GET answered (e.g. \"3\"), instead of the body's 'version': a stale one gets 412 Precondition Failed.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }
                if (metadata.OfType<AcceptsIdempotencyKey>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = Idempotency.Header,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Any unique value (a UUID): a retry with the same key and body gets the first answer again (header Idempotent-Replayed: true) and writes nothing; the same key with another body gets 422. Keys are kept 24 hours.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyRecord.MaxKeyLength },
                    });
                }
                var example = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().FirstOrDefault();
                if (example is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
                {
                    var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                    media.Example = JsonSerializer.SerializeToNode(example.Value, new JsonSerializerOptions(json)
                    {
                        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                    });
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static JwtOptions Jwt(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
}
