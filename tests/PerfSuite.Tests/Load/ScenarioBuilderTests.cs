using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

public sealed class ScenarioBuilderTests
{
    [Fact]
    public void The_appointment_flow_names_its_endpoints_by_method_and_template_and_socket_operation()
    {
        var flow = Scenario.Create("CSR – Create and delete appointments", weight: 1)
            .Get("/api/v1/citizens/")
            .Post("/api/v1/appointments/draft", r => r.Json(new { start_time = "2026-12-01T09:00:00Z", end_time = "2026-12-01T09:15:00Z", office_id = 1 }).Expect(201).Capture("appointment.appointment_id", "draft_id"))
            .Think(TimeSpan.FromSeconds(5))
            .Delete("/api/v1/appointments/draft/{draft_id}/", r => r.Expect(204))
            .SocketIoConnect("/api/v1/socket.io")
            .EmitWithAck("joinRoom", ["office_1"])
            .EmitAndWaitFor("joinRoom", "joinRoomSuccess", ["office_1"], m => m.Timeout(TimeSpan.FromSeconds(5)))
            .SocketIoDisconnect()
            .Build();

        var endpoints = flow.Endpoints;

        endpoints.Should().Equal(
            "GET /api/v1/citizens/",
            "POST /api/v1/appointments/draft",
            "DELETE /api/v1/appointments/draft/{draft_id}/",
            "socket.io connect /api/v1/socket.io",
            "socket.io ack joinRoom",
            "socket.io event joinRoomSuccess");
        flow.Weight.Should().Be(1);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("name", 0)]
    public void A_scenario_needs_a_name_and_a_weight_of_at_least_1(string name, int weight)
    {
        var act = () => Scenario.Create(name, weight);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Variables_set_on_the_builder_satisfy_placeholders()
    {
        var builder = Scenario.Create("office").WithVariable("office_id", "3").Get("/api/v1/services/?office_id={office_id}");

        var flow = builder.Build();

        flow.Variables["office_id"].Text.Should().Be("3");
    }
}
