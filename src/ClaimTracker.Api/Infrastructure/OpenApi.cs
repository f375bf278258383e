using System.Text.Json;
using System.Text.Json.Serialization;
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
            options.AddDocumentTransformer((document, _, _) =>
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
                        """,
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
}
