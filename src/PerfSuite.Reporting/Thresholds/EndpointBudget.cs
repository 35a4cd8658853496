namespace PerfSuite.Reporting.Thresholds;

/// <summary>Limits for one endpoint, matched by exact name against <see cref="Engine.Metrics.EndpointSummary.Name"/>.</summary>
/// <param name="Endpoint">Endpoint name, e.g. <c>GET /api/v1/citizens/</c> or <c>socket.io ack joinRoom</c>.</param>
/// <param name="Limits">The limits; <see cref="BudgetLimits.MaxSkippedArrivals"/> does not apply to an endpoint and must be null.</param>
public sealed record EndpointBudget(string Endpoint, BudgetLimits Limits);
