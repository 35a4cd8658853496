using System.Net.Sockets;
using System.Security.Authentication;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.Metrics;

public sealed class ErrorKindsTests
{
    public static TheoryData<Exception, ErrorKind> Failures => new()
    {
        { new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), ErrorKind.ConnectionRefused },
        { new HttpRequestException("x", new IOException("y", new SocketException((int)SocketError.ConnectionReset))), ErrorKind.ConnectionReset },
        { new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound)), ErrorKind.Dns },
        { new HttpRequestException("x", new AuthenticationException("bad cert")), ErrorKind.Tls },
        { new TaskCanceledException("timed out"), ErrorKind.Timeout },
        { new TimeoutException(), ErrorKind.Timeout },
        { new SocketIoException("closed"), ErrorKind.SocketDisconnect },
        { new InvalidOperationException("bug"), ErrorKind.Other },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Exceptions_are_classified_by_their_innermost_known_cause(Exception exception, ErrorKind expected)
    {
        var kind = ErrorKinds.Classify(exception);

        kind.Should().Be(expected);
    }

    [Fact]
    public void Every_kind_has_its_own_kebab_case_key_and_the_report_schema_documents_it()
    {
        var schema = File.ReadAllText(Path.Combine(PerfSuite.Hosting.Settings.ArtifactPaths.FindRepositoryRoot(AppContext.BaseDirectory)!, "docs", "report-schema.md"));

        var keys = Enum.GetValues<ErrorKind>().Select(ErrorKinds.ToKey).ToList();

        keys.Should().OnlyHaveUniqueItems();
        keys.Should().AllSatisfy(key => key.Should().MatchRegex("^[a-z]+(-[a-z]+)*$"));
        keys.Should().AllSatisfy(key => schema.Should().ContainAny([$"`{key}`", $"`{key}:"], "docs/report-schema.md lists every error kind (a failed check as `check:<name>`)"));
    }

    [Fact]
    public void A_socket_io_failure_caused_by_a_refused_connection_is_connection_refused_like_an_http_step()
    {
        var refused = new SocketIoException("Could not open the Socket.IO websocket", new System.Net.WebSockets.WebSocketException("Unable to connect",
            new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))));

        ErrorKinds.Classify(refused).Should().Be(ErrorKind.ConnectionRefused);
        ErrorKinds.Classify(new SocketIoException("The server closed the websocket before the Engine.IO handshake.")).Should().Be(ErrorKind.SocketDisconnect);
    }
}
