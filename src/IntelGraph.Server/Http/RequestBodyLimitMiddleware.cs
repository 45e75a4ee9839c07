using IntelGraph.Server.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace IntelGraph.Server.Http;

/// <summary>
/// Rejects request bodies larger than <see cref="LimitOptions.MaxRequestBodyBytes"/> with a 413 problem
/// before any endpoint reads them. A body with Content-Length is judged by that header. A chunked body
/// is buffered up to the limit and replaced by the buffer, so endpoints never read more than the limit.
/// </summary>
/// <remarks>
/// An oversized chunked body is read to its end (up to <see cref="DrainFactor"/> times the limit) and
/// thrown away before the 413 is sent, because closing the connection while the client still sends
/// makes most clients report a broken pipe instead of the response. A body with Content-Length over the
/// limit is rejected at once. Clients that send Expect: 100-continue then
/// never send it.
/// </remarks>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ServerOptions> options, IProblemDetailsService problemDetails)
{
    private const int DrainFactor = 8;

    private readonly long _limit = options.Value.Limits.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is { } length)
        {
            if (length > _limit)
            {
                await RejectAsync(context);
                return;
            }
        }
        else if (request.Headers.TransferEncoding.Count > 0)
        {
            // Kestrel's own limit would cut the connection while draining; this middleware enforces the limit instead.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                sizeFeature.MaxRequestBodySize = _limit * DrainFactor;
            }

            var buffered = await BufferAsync(request.Body, context.RequestAborted);
            if (buffered is null)
            {
                await RejectAsync(context);
                return;
            }

            request.Body = buffered;
            request.ContentLength = buffered.Length;
        }

        await next(context);
    }

    /// <summary>Reads the whole body into memory, or returns null when it exceeds the limit, after draining the rest.</summary>
    private async Task<MemoryStream?> BufferAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var tooLarge = false;
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (tooLarge || buffer.Length + read > _limit)
                {
                    tooLarge = true;
                    continue;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Past the drain allowance Kestrel stops reading, so the connection closes after the response.
            return null;
        }

        if (tooLarge)
        {
            return null;
        }

        buffer.Position = 0;
        return buffer;
    }

    private Task RejectAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"The request body must be at most {_limit} bytes.",
                Extensions = { [Problems.CodeMember] = ErrorCodes.BodyTooLarge },
            },
        }).AsTask();
    }
}
