using PerfSuite.Scenarios.CsrScenarios;

namespace PerfSuite.Tests.Scenarios;

public sealed class CsrScenariosTests
{
    private static readonly string[] DataLoads =
    [
        "GET /api/v1/citizens/",
        "GET /api/v1/appointments/",
        "GET /api/v1/categories/",
        "GET /api/v1/channels/",
        "GET /api/v1/services/?office_id=1",
        "GET /api/v1/exam_types/",
    ];

    [Fact]
    public void Login_load_data_idle_loads_the_six_reference_lists()
    {
        var scenario = LoginLoadDataIdle.Create();

        scenario.Name.Should().Be("CSR – Login, load data, idle");
        scenario.Endpoints.Should().Equal(DataLoads);
    }

    [Fact]
    public void Create_and_delete_appointments_writes_after_the_data_loads_and_cleans_up()
    {
        var scenario = CreateAndDeleteAppointments.Create();

        scenario.Endpoints.Should().Equal(DataLoads.Concat(
        [
            "POST /api/v1/appointments/draft",
            "DELETE /api/v1/appointments/draft/{draft_id}/",
            "POST /api/v1/appointments/",
            "PUT /api/v1/appointments/{appointment_id}/",
            "DELETE /api/v1/appointments/{appointment_id}/",
        ]));
    }

    [Fact]
    public void Websockets_connects_joins_the_room_on_the_ack_then_on_the_success_event()
    {
        var scenario = Websockets.Create();

        scenario.Endpoints.Should().Equal("socket.io connect /api/v1/socket.io", "socket.io ack joinRoom", "socket.io event joinRoomSuccess");
    }

    [Fact]
    public void All_mixes_the_three_flows_with_equal_weights()
    {
        var mix = All.Create();

        mix.Select(s => s.Name).Should().Equal(LoginLoadDataIdle.Name, CreateAndDeleteAppointments.Name, Websockets.Name);
        mix.Should().OnlyContain(s => s.Weight == 1);
    }
}
