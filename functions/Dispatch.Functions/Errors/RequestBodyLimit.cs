using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dispatch.Functions.Errors;

/// <summary>
/// Refuses request bodies over 1 MiB with a 413 ProblemDetails: early from <c>Content-Length</c>, and while
/// reading for chunked bodies (Kestrel's own limit, or a counting stream where the server has none).
/// </summary>
internal static class RequestBodyLimit
{
    /// <summary>The largest request body accepted, in bytes.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Adds the limit to the pipeline.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            // An endpoint may declare its own limit (the inbound-mail webhook takes larger posts).
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBytes;
            if (context.Request.ContentLength > limit)
            {
                throw TooLarge(limit);
            }

            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = limit;
            }
            else if (feature is null)
            {
                context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
            }

            return next(context);
        });

    /// <summary>Gives an endpoint its own body limit.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return builder.WithMetadata(new BodyLimitMetadata(maxBytes));
    }

    private static BadHttpRequestException TooLarge(long? limit) =>
        new($"The request body exceeds the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);

    private sealed record BodyLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw TooLarge(limit);
            }

            return read;
        }
    }
}
