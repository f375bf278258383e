using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace ClaimTracker.Api.Infrastructure;

public sealed class RequestLimitOptions
{
    public const string Section = "ClaimTracker:Requests";

    // 1 MiB holds a long article body with room to spare; anything larger is refused with 413 before it is read.
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

public static class RequestLimits
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (context, next) =>
        {
            // An endpoint may declare a limit of its own (POST /imports streams files far larger than any JSON body).
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } own ? own.MaxRequestBodySize : maxBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
            if (context.Request.ContentLength > limit)
                throw new BadHttpRequestException(
                    $"The request body is {context.Request.ContentLength} bytes; the limit is {limit} bytes.",
                    StatusCodes.Status413PayloadTooLarge);
            await next(context);
        });
}
