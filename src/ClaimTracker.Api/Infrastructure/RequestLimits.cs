using Microsoft.AspNetCore.Http.Features;

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
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = maxBytes;
            if (context.Request.ContentLength > maxBytes)
                throw new BadHttpRequestException(
                    $"The request body is {context.Request.ContentLength} bytes; the limit is {maxBytes} bytes.",
                    StatusCodes.Status413PayloadTooLarge);
            await next(context);
        });
}
