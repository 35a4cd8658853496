namespace PerfSuite.Engine.Metrics;

/// <summary>Why a request or a step failed. Reports print the names in kebab case (e.g. <c>connection-refused</c>).</summary>
public enum ErrorKind
{
    /// <summary>The server refused the TCP connection.</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed mid-request.</summary>
    ConnectionReset,

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
}
