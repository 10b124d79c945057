using Microsoft.AspNetCore.Http.Features;

namespace CsKpi.Web.Site;

/// <summary>Marks a page whose POST handlers take files into the inbox: <see cref="UploadLimits"/> bounds its requests.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadFormAttribute : Attribute;

/// <summary>
/// The request limit of the upload forms (<see cref="InboxUpload.MaxRequestBytes"/>). Without this, a request over it
/// fails inside the anti-forgery check, which reads the form first, and the person sees a bare 400. Here the form is
/// read under the limit before anything else; a request over it is answered with a redirect to the page, which says
/// what the limit is. Only signed-in users the page admits get here (the middleware runs after authorization).
/// </summary>
public static class UploadLimits
{
    public static async Task Apply(HttpContext context, Func<Task> next)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType
            || context.GetEndpoint()?.Metadata.GetMetadata<UploadFormAttribute>() is null)
        {
            await next();
            return;
        }

        var limit = context.RequestServices.GetRequiredService<InboxUpload>().MaxRequestBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var refused = context.Request.ContentLength > limit;
        if (!refused)
        {
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception error) when (error is InvalidDataException || error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                refused = true;
            }
        }

        if (refused)
        {
            await Drain(context, limit);
            // 303: the browser follows with a GET of the page, which shows the message.
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path}?upload={InboxUpload.TooLarge}";
            return;
        }

        await next();
    }

    /// <summary>
    /// Reads and drops the rest of a refused request, up to twice the limit: a browser shows an answer only once it
    /// has sent its request, and a connection closed under an upload reads as "connection reset", not as the message.
    /// </summary>
    private static async Task Drain(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = 2 * limit;
        }

        var buffer = new byte[1 << 16];
        try
        {
            for (long total = 0; total <= 2 * limit;)
            {
                var read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted);
                if (read == 0)
                {
                    return;
                }

                total += read;
            }
        }
        catch (BadHttpRequestException)
        {
            // Longer than even that: the server closes the connection after the answer.
        }
    }
}
