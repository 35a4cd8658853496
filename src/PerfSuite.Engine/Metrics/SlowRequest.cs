namespace PerfSuite.Engine.Metrics;

/// <summary>One of an endpoint's slowest requests, sent with trace context on (<see cref="Tracing.TraceContextOptions"/>).</summary>
/// <param name="LatencyMs">Its latency in milliseconds.</param>
/// <param name="TraceId">The W3C trace id (32 lowercase hex digits) of its <c>traceparent</c> header.</param>
public sealed record SlowRequest(double LatencyMs, string TraceId);
