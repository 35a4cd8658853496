using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;

namespace PerfSuite.Scenarios.CsrScenarios;

/// <summary>
/// CSR – Create and delete appointments: the data loads, then a draft (slot hold) is created and released, and an
/// appointment is booked, rescheduled and cancelled. Every write cleans up after itself, so the database does not
/// grow with the length of the run.
/// </summary>
public sealed class CreateAndDeleteAppointments : ILoadScenario
{
    /// <summary>ASCII id for <c>--filter "ScenarioId=csr-create-and-delete-appointments"</c> and report folders.</summary>
    public const string Id = "csr-create-and-delete-appointments";

    /// <inheritdoc />
    string ILoadScenario.Id => Id;

    /// <inheritdoc />
    string ILoadScenario.Name => Name;

    /// <summary>Scenario name, as in <c>scenarios/budgets.json</c> and the reports.</summary>
    public const string Name = "CSR – Create and delete appointments";

    /// <summary>A service office 1 offers in the reference API's seed data (10 = BC Services Card).</summary>
    public const int ServiceId = 10;

    private static readonly TimeSpan ThinkTime = TimeSpan.FromSeconds(5);

    private static readonly object Draft = new
    {
        start_time = "2026-12-01T09:00:00Z",
        end_time = "2026-12-01T09:15:00Z",
        office_id = CsrDataLoad.OfficeId,
    };

    private static readonly object Appointment = new
    {
        start_time = "2026-12-01T09:00:00Z",
        end_time = "2026-12-01T09:15:00Z",
        service_id = ServiceId,
        citizen_name = "Load Test Citizen",
        contact_information = "load.test@example.org",
        office_id = CsrDataLoad.OfficeId,

        // The draft was released by the flow's DELETE already; naming it here would make the booking a 404.
        appointment_draft_id = (int?)null,
    };

    private static readonly object Reschedule = new
    {
        start_time = "2026-12-01T10:00:00Z",
        end_time = "2026-12-01T10:15:00Z",
        comments = "rescheduled by the load suite",
    };

    /// <summary>
    /// Builds the flow: data loads; POST appointments/draft (201, id captured) → think → DELETE the draft (204) → think →
    /// POST appointments/ (201, id captured) → think → PUT it (200) → think → DELETE it (204) → think. Think 5 s each.
    /// </summary>
    /// <param name="weight">Weight in a mix (&gt;= 1); 1 when run alone.</param>
    /// <returns>The scenario.</returns>
    public static Scenario Create(int weight = 1) =>
        Scenario.Create(Name, weight)
            .LoadCsrData()
            .Post("/api/v1/appointments/draft", r => r.Json(Draft).Expect(201).Capture("appointment.appointment_id", "draft_id"))
            .Think(ThinkTime)
            .Delete("/api/v1/appointments/draft/{draft_id}/", r => r.Expect(204))
            .Think(ThinkTime)
            .Post("/api/v1/appointments/", r => r.Json(Appointment).Expect(201).Capture("appointment.appointment_id", "appointment_id"))
            .Think(ThinkTime)
            .Put("/api/v1/appointments/{appointment_id}/", r => r.Json(Reschedule).Expect(200))
            .Think(ThinkTime)
            .Delete("/api/v1/appointments/{appointment_id}/", r => r.Expect(204))
            .Think(ThinkTime)
            .Build();

    /// <inheritdoc />
    IReadOnlyList<Scenario> ILoadScenario.Create() => [Create()];
}
