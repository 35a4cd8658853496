using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Http;

/// <summary>
/// HTTP requests with the same options for every verb, set in a small lambda instead of optional parameters:
/// <c>.Get("/x", r =&gt; r.Expect(200).CheckJson("$.ok", true).Capture("$.id", "id").Capture("$.name", "name").Header("X-A", "1"))</c>,
/// <c>.Post("/x", r =&gt; r.Json(body).Expect(201))</c>. Each records the endpoint <c>METHOD path-template</c>.
/// </summary>
public static class HttpSteps
{
    /// <summary>Adds a GET request.</summary>
    /// <param name="builder">The scenario.</param>
    /// <param name="path">Path template from the base URL, e.g. <c>/api/v1/appointments/{id}/</c>.</param>
    /// <param name="configure">Sets expectations, checks, captures, headers.</param>
    public static ScenarioBuilder Get(this ScenarioBuilder builder, string path, Action<RequestOptions> configure) =>
        builder.Request(HttpMethod.Get, path, configure);

    /// <summary>Adds a POST request (body with <see cref="RequestOptions.Json"/>).</summary>
    /// <param name="builder">The scenario.</param>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Sets the body, expectations, checks, captures, headers.</param>
    public static ScenarioBuilder Post(this ScenarioBuilder builder, string path, Action<RequestOptions> configure) =>
        builder.Request(HttpMethod.Post, path, configure);

    /// <summary>Adds a PUT request.</summary>
    /// <param name="builder">The scenario.</param>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Sets the body, expectations, checks, captures, headers.</param>
    public static ScenarioBuilder Put(this ScenarioBuilder builder, string path, Action<RequestOptions> configure) =>
        builder.Request(HttpMethod.Put, path, configure);

    /// <summary>Adds a PATCH request.</summary>
    /// <param name="builder">The scenario.</param>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Sets the body, expectations, checks, captures, headers.</param>
    public static ScenarioBuilder Patch(this ScenarioBuilder builder, string path, Action<RequestOptions> configure) =>
        builder.Request(HttpMethod.Patch, path, configure);

    /// <summary>Adds a DELETE request.</summary>
    /// <param name="builder">The scenario.</param>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Sets expectations, checks, captures, headers.</param>
    public static ScenarioBuilder Delete(this ScenarioBuilder builder, string path, Action<RequestOptions> configure) =>
        builder.Request(HttpMethod.Delete, path, configure);

    /// <summary>Adds a request with any method, e.g. <c>new HttpMethod("PURGE")</c> or <c>HttpMethod.Head</c>.</summary>
    /// <param name="builder">The scenario.</param>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Sets the body, expectations, checks, captures, headers.</param>
    public static ScenarioBuilder Request(this ScenarioBuilder builder, HttpMethod method, string path, Action<RequestOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RequestOptions();
        configure(options);
        var headers = new Dictionary<string, string>(builder.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in options.Headers)
        {
            headers[name] = value;
        }

        var step = new HttpStep(method, path, options.JsonBody, options.ExpectedStatus, options.AcceptsAnyStatus, options.Captures, options.Checks, headers, options.TemplatedHeaders, options.EndpointNameOverride, options.ExpectedStatuses);
        return builder.Add(step, [.. options.Problems, .. options.ProblemsOfStatus()]);
    }
}
