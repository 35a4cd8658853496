using System.Net.Http;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>A response that broke HTTP/1.1 in a way that has its own name in the error vocabulary (<see cref="Kind"/>).</summary>
internal sealed class ResponseFaultException(ErrorKind kind, string message)
    : HttpIOException(kind is ErrorKind.ResponseTruncated ? HttpRequestError.ResponseEnded : HttpRequestError.InvalidResponse, message)
{
    /// <summary>The fault: <see cref="ErrorKind.NotHttp"/>, <see cref="ErrorKind.MalformedHead"/>, <see cref="ErrorKind.BadChunk"/>, <see cref="ErrorKind.ResponseTruncated"/> or <see cref="ErrorKind.BodyTooLarge"/>.</summary>
    public ErrorKind Kind { get; } = kind;
}
