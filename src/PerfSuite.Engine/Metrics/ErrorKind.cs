namespace PerfSuite.Engine.Metrics;

/// <summary>Why a request or a step failed. Reports print the names in kebab case (e.g. <c>connection-refused</c>).</summary>
public enum ErrorKind
{
    /// <summary>The server refused the TCP connection.</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed mid-request.</summary>
    ConnectionReset,

    /// <summary>The server closed the connection after the request was sent, without any byte of a response.</summary>
    ConnectionClosed,

    /// <summary>The request or the awaited event did not complete within its timeout.</summary>
    Timeout,

    /// <summary>The host name could not be resolved.</summary>
    Dns,

    /// <summary>The TLS handshake failed.</summary>
    Tls,

    /// <summary>A Socket.IO connection was refused or dropped.</summary>
    SocketDisconnect,

    /// <summary>A value could not be captured from a response; steps that need it were skipped.</summary>
    CaptureFailed,

    /// <summary>The response status differed from the one the step declared.</summary>
    UnexpectedStatus,

    /// <summary>Any other failure; the summary keeps the exception type in the error name.</summary>
    Other,

    /// <summary>A custom step (a user's lambda) threw; it counts as a failed request without a response.</summary>
    StepFailed,

    /// <summary>
    /// A check on a response, an acknowledgement or an awaited event failed; the summary names the check
    /// (<c>check:&lt;name&gt;</c>). The response arrived, so it is not a transport error, but the request counts as failed.
    /// </summary>
    CheckFailed,

    /// <summary>The server answered with bytes that are not HTTP/1.x at all (its first bytes are not <c>HTTP/</c>).</summary>
    NotHttp,

    /// <summary>The response head is HTTP but malformed: a bad status line, a header line without a name, a bad <c>Content-Length</c>, or a head over 64 KB.</summary>
    MalformedHead,

    /// <summary>A chunked body broke its framing: a chunk size that is not hexadecimal, a chunk not followed by CRLF, a chunk line over 64 KB.</summary>
    BadChunk,

    /// <summary>
    /// The server closed the connection cleanly (FIN) before the response was complete: in the head, short of its
    /// <c>Content-Length</c>, or before the last chunk. A reset (RST) there is <see cref="ConnectionReset"/>.
    /// </summary>
    ResponseTruncated,

    /// <summary>The response body is larger than the run's limit (<c>LoadRunOptions.MaxResponseBodyBytes</c>), or too large to read for checks.</summary>
    BodyTooLarge,

    /// <summary>
    /// The server broke the WebSocket, Engine.IO or Socket.IO protocol: a reserved bit or opcode, a bad upgrade answer,
    /// an unknown Engine.IO packet, a Socket.IO packet that does not parse.
    /// </summary>
    ProtocolViolation,
}
