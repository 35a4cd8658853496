using PerfSuite.Engine.Load;

namespace PerfSuite.Scenarios.CsrScenarios;

/// <summary>
/// The reads a CSR's browser makes right after login, shared by the CSR flows: the six reference lists under
/// <c>/api/v1/</c>, each expected to answer 200.
/// </summary>
public static class CsrDataLoad
{
    /// <summary>The office whose services the CSR loads; office 1 exists in the reference API's seed data.</summary>
    public const int OfficeId = 1;

    /// <summary>Adds GET citizens/, appointments/, categories/, channels/, services/?office_id=1 and exam_types/.</summary>
    /// <param name="flow">The flow being built.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ScenarioBuilder LoadCsrData(this ScenarioBuilder flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow
            .Get("/api/v1/citizens/", r => r.Expect(200))
            .Get("/api/v1/appointments/", r => r.Expect(200))
            .Get("/api/v1/categories/", r => r.Expect(200))
            .Get("/api/v1/channels/", r => r.Expect(200))
            .Get($"/api/v1/services/?office_id={OfficeId}", r => r.Expect(200))
            .Get("/api/v1/exam_types/", r => r.Expect(200));
    }
}
