using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Metrics;

public sealed class RequestOutcomeTests
{
    public static TheoryData<int?, int?, bool> Outcomes => new()
    {
        { 200, null, false },
        { 404, null, false },
        { 401, 401, false },
        { 201, 201, false },
        { 0, null, false },
        { 499, null, false },
        { 500, null, true },
        { 503, 503, true },
        { 200, 201, true },
        { 204, 200, true },
        { null, null, true },
        { null, 200, true },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void A_request_fails_on_transport_error_status_500_or_more_or_an_undeclared_status(int? status, int? expected, bool failure)
    {
        var result = RequestOutcome.IsFailure(status, expected);

        result.Should().Be(failure);
    }

    [Theory]
    [InlineData(ErrorKind.ConnectionRefused, true)]
    [InlineData(ErrorKind.Timeout, true)]
    [InlineData(ErrorKind.SocketDisconnect, true)]
    [InlineData(ErrorKind.Other, true)]
    [InlineData(ErrorKind.UnexpectedStatus, false)]
    [InlineData(ErrorKind.CaptureFailed, false)]
    [InlineData(ErrorKind.StepFailed, true)]
    [InlineData(ErrorKind.CheckFailed, false)]
    public void Only_errors_without_a_response_are_transport_errors(ErrorKind kind, bool transport)
    {
        var result = RequestOutcome.IsTransportError(kind);

        result.Should().Be(transport);
    }
}
