using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PerfSuite.Hosting.Targets;
using SocketIOClient;

namespace PerfSuite.Tests.Targets;

/// <summary>
/// Starts the real reference API through the launcher and exercises every REST route and the Socket.IO handshake,
/// the way the load scenarios will.
/// </summary>
[Trait("Category", "Smoke")]
public sealed class QueueApiEndToEndTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>
{
    private static readonly object Draft = new { start_time = "2026-12-01T09:00:00", end_time = "2026-12-01T09:15:00", office_id = 1 };

    public static TheoryData<string, string> ReadRoutes => new()
    {
        { "/api/v1/citizens/", "citizens" },
        { "/api/v1/appointments/", "appointments" },
        { "/api/v1/categories/", "categories" },
        { "/api/v1/channels/", "channels" },
        { "/api/v1/services/?office_id=1", "services" },
        { "/api/v1/exam_types/", "exam_types" },
    };

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/v1/citizens/" },
        { "GET", "/api/v1/appointments/" },
        { "GET", "/api/v1/categories/" },
        { "GET", "/api/v1/channels/" },
        { "GET", "/api/v1/services/?office_id=1" },
        { "GET", "/api/v1/exam_types/" },
        { "POST", "/api/v1/appointments/draft" },
        { "DELETE", "/api/v1/appointments/draft/1/" },
        { "POST", "/api/v1/appointments/" },
        { "PUT", "/api/v1/appointments/1/" },
        { "DELETE", "/api/v1/appointments/1/" },
    };

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task Read_route_answers_200_with_a_non_empty_list(string path, string property)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await QueueApiClient.AuthenticatedAsync(fixture.Api, ct);

        using var response = await client.Http.GetAsync(path, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        json.RootElement.GetProperty(property).GetArrayLength().Should().BePositive();
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Route_without_a_token_answers_401(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = QueueApiClient.Anonymous(fixture.Api);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonBody(Draft) };

        using var response = await client.Http.SendAsync(request, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_in_the_oidc_jwt_cookie_is_accepted()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await QueueApiClient.GetTokenAsync(fixture.Api, fixture.Api.Credentials, ct);
        using var client = QueueApiClient.Anonymous(fixture.Api);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories/");
        request.Headers.Add("Cookie", $"oidc-jwt={token}");

        using var response = await client.Http.SendAsync(request, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_password_gets_no_token()
    {
        var ct = TestContext.Current.CancellationToken;

        var act = () => QueueApiClient.GetTokenAsync(fixture.Api, fixture.Api.Credentials with { Password = "wrong" }, ct);

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Draft_appointment_update_and_delete_round_trip_with_the_expected_codes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await QueueApiClient.AuthenticatedAsync(fixture.Api, ct);

        using var draft = await client.PostJsonAsync("/api/v1/appointments/draft", Draft, ct);
        var draftId = await AppointmentIdAsync(draft, HttpStatusCode.Created, ct);
        using var deleteDraft = await client.Http.DeleteAsync($"/api/v1/appointments/draft/{draftId}/", ct);
        using var secondDraft = await client.PostJsonAsync("/api/v1/appointments/draft", Draft, ct);
        var secondDraftId = await AppointmentIdAsync(secondDraft, HttpStatusCode.Created, ct);
        using var created = await client.PostJsonAsync("/api/v1/appointments/", Appointment(secondDraftId), ct);
        var appointmentId = await AppointmentIdAsync(created, HttpStatusCode.Created, ct);
        using var updated = await client.Http.PutAsync($"/api/v1/appointments/{appointmentId}/", JsonBody(new { citizen_name = "Renamed Citizen" }), ct);
        using var deleted = await client.Http.DeleteAsync($"/api/v1/appointments/{appointmentId}/", ct);
        using var deletedAgain = await client.Http.DeleteAsync($"/api/v1/appointments/{appointmentId}/", ct);

        deleteDraft.StatusCode.Should().Be(HttpStatusCode.NoContent);
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await updated.Content.ReadAsStringAsync(ct)).Should().Contain("Renamed Citizen");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        deletedAgain.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_answers_400()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await QueueApiClient.AuthenticatedAsync(fixture.Api, ct);
        using var body = new StringContent("{\"start_time\": ", Encoding.UTF8, "application/json");

        using var response = await client.Http.PostAsync("/api/v1/appointments/draft", body, ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Missing_field_answers_400_naming_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await QueueApiClient.AuthenticatedAsync(fixture.Api, ct);

        using var response = await client.PostJsonAsync("/api/v1/appointments/draft", new { start_time = "2026-12-01T09:00:00", office_id = 1 }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(ct)).Should().Contain("end_time");
    }

    [Fact]
    public async Task Unknown_appointment_answers_404()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await QueueApiClient.AuthenticatedAsync(fixture.Api, ct);

        using var response = await client.Http.PutAsync("/api/v1/appointments/99999999/", JsonBody(new { citizen_name = "Nobody" }), ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Socket_io_joinRoom_is_acknowledged_and_answered_with_joinRoomSuccess()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await QueueApiClient.GetTokenAsync(fixture.Api, fixture.Api.Credentials, ct);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var success = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var socket = new SocketIOClient.SocketIO(fixture.Api.BaseUri, new SocketIOOptions
        {
            Path = "/api/v1/socket.io",
            Transport = SocketIOClient.Transport.TransportProtocol.WebSocket,
            ExtraHeaders = new Dictionary<string, string> { ["Cookie"] = $"oidc-jwt={token}" },
            Reconnection = false,
        });
        socket.OnConnected += (_, _) => connected.TrySetResult();
        socket.On("joinRoomSuccess", response => success.TrySetResult(response.GetValue(0).GetRawText()));

        try
        {
            await socket.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10), ct);
            // SocketIOClient 3.0.6 returns from ConnectAsync before the Socket.IO handshake: wait for the event.
            await connected.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            await socket.EmitAsync("joinRoom", response => ack.TrySetResult(response.GetValue(0).GetRawText()), "office_1");
            var ackPayload = await ack.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            var successPayload = await success.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);

            ackPayload.Should().Contain("office_1");
            successPayload.Should().Contain("true");
        }
        finally
        {
            // 3.0.6 leaves the websocket open on Dispose and throws from Dispose on a never-connected client.
            if (connected.Task.IsCompletedSuccessfully)
            {
                await socket.DisconnectAsync();
                socket.Dispose();
            }
        }
    }

    private static object Appointment(int draftId) => new
    {
        start_time = "2026-12-01T09:00:00",
        end_time = "2026-12-01T09:15:00",
        service_id = 1,
        citizen_name = "Load Test Citizen",
        contact_information = "citizen@example.org",
        office_id = 1,
        appointment_draft_id = draftId,
    };

    private static StringContent JsonBody(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static async Task<int> AppointmentIdAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(expected, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("appointment").GetProperty("appointment_id").GetInt32();
    }
}
