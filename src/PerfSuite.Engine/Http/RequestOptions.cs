using System.Text.Json;
using PerfSuite.Engine.Checks;

namespace PerfSuite.Engine.Http;

/// <summary>
/// Options of one HTTP request, set in the lambda of <see cref="Load.ScenarioBuilder.Get"/>, <see cref="Load.ScenarioBuilder.Post"/> and the
/// other verbs: e.g. <c>r =&gt; r.Json(body).Expect(201).CheckJson("$.ok", true).Capture("$.id", "id").Header("X-A", "1")</c>.
/// Checks and captures are inherited from <see cref="ResponseOptions{TSelf}"/>.
/// </summary>
public sealed class RequestOptions : ResponseOptions<RequestOptions>
{
    private static readonly string[] JsonMediaTypes = ["application/json", "application/problem+json", "application/ld+json"];
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _templatedHeaders = new(StringComparer.OrdinalIgnoreCase);

    internal RequestOptions()
    {
    }

    internal int? ExpectedStatus { get; private set; }

    internal bool AcceptsAnyStatus { get; private set; }

    internal IReadOnlyList<int>? ExpectedStatuses { get; private set; }

    internal string? JsonBody { get; private set; }

    internal IReadOnlyDictionary<string, string> Headers => _headers;

    internal IReadOnlySet<string> TemplatedHeaders => _templatedHeaders;

    internal string? EndpointNameOverride { get; private set; }

    internal bool FollowsRedirects { get; private set; } = true;

    internal string? ExpectedStatusTemplate { get; private set; }

    internal List<IReadOnlyList<string>> Equalities { get; } = [];

    internal List<(string Header, string Into, bool Required)> HeaderCaptures { get; } = [];

    /// <summary>Expects this status; another one fails the request (<c>unexpected-status</c>). Without it any status below 500 passes (or any status at all after <see cref="AnyStatus"/>).</summary>
    /// <param name="status">HTTP status, 100..599.</param>
    public RequestOptions Expect(int status)
    {
        if (status is < 100 or > 599)
        {
            AddProblem($"Expect: status must be 100..599 (was {status})");
        }

        ExpectedStatus = status;
        return this;
    }

    /// <summary>
    /// Accepts every status, 5xx included: the status is counted under its code and the flow goes on (Artillery's
    /// semantics for a request without <c>expect</c>). Checks and captures still apply. Excludes <see cref="Expect"/>.
    /// </summary>
    public RequestOptions AnyStatus()
    {
        AcceptsAnyStatus = true;
        return this;
    }

    /// <summary>Expects one of these statuses (Artillery's <c>statusCode: [200, 201]</c>); another one fails the request (<c>unexpected-status</c>). Excludes <see cref="Expect"/> and <see cref="AnyStatus"/>.</summary>
    /// <param name="statuses">HTTP statuses, 100..599, at least one.</param>
    public RequestOptions ExpectAnyOf(params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (statuses.Length == 0 || statuses.Any(s => s is < 100 or > 599))
        {
            AddProblem($"ExpectAnyOf: give one or more statuses, each 100..599 (was [{string.Join(", ", statuses)}])");
        }

        ExpectedStatuses = statuses.Distinct().ToArray();
        return this;
    }

    /// <summary>
    /// Expects the status a template gives at run time, e.g. <c>{statusCode}</c> from a feed (Artillery's
    /// <c>statusCode: "{{ statusCode }}"</c>): the template, filled from the user's variables (an unset one reads
    /// <c>undefined</c>), is read as a whole number and compared with the status; text that is not a number matches no
    /// status. Another status fails the request (<c>unexpected-status</c>). Excludes <see cref="Expect"/>,
    /// <see cref="ExpectAnyOf"/> and <see cref="AnyStatus"/>.
    /// </summary>
    /// <param name="template">Text with <c>{placeholders}</c>, not empty.</param>
    public RequestOptions ExpectFrom(string template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            AddProblem($"ExpectFrom: template must not be empty (was '{template}')");
            return this;
        }

        ExpectedStatusTemplate = template;
        return this;
    }

    /// <summary>
    /// Checks that the templates, filled from the user's variables once this response's captures are set (an unset
    /// variable reads <c>undefined</c>), are all the same text: Artillery's expect <c>equals: ["{{ name }}", "Luna"]</c>.
    /// A failure is the error <c>check:equals A, B</c> (the templates as written) and fails the request.
    /// </summary>
    /// <param name="templates">Two or more texts with <c>{placeholders}</c>.</param>
    public RequestOptions CheckEqual(params string[] templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        if (templates.Length < 2)
        {
            AddProblem($"CheckEqual: give two or more values to compare (was {templates.Length})");
            return this;
        }

        Equalities.Add([.. templates]);
        return this;
    }

    /// <summary>
    /// Captures a response header into <paramref name="into"/> (Artillery's <c>capture: header</c>): its values joined
    /// with <c>, </c>; <c>set-cookie</c>, whose values cannot be joined, is the JSON list of them (as Node gives it). A
    /// header that is not there (or is empty) is <c>capture-failed</c>, as a missing JSON value, unless
    /// <paramref name="required"/> is false: the variable is then empty text (Artillery's <c>strict: false</c>). The name
    /// is matched ignoring case. A request with a header capture goes through the user's HttpClient pool, not the lean
    /// HTTP/1.1 client, which keeps no headers.
    /// </summary>
    /// <param name="header">Response header name, e.g. <c>set-cookie</c>.</param>
    /// <param name="into">Variable name.</param>
    /// <param name="required">False: a missing header sets empty text instead of failing.</param>
    public RequestOptions CaptureHeader(string header, string into, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(header) || string.IsNullOrWhiteSpace(into))
        {
            AddProblem($"CaptureHeader: header and variable must not be empty (were '{header}', '{into}')");
            return this;
        }

        HeaderCaptures.Add((header, into, required));
        return this;
    }

    internal IEnumerable<string> ProblemsOfStatus()
    {
        if (ExpectedStatusTemplate is { } template && (AcceptsAnyStatus || ExpectedStatus is not null || ExpectedStatuses is not null))
        {
            yield return $"ExpectFrom(\"{template}\") excludes Expect, ExpectAnyOf and AnyStatus: give one";
        }

        if (ExpectedStatuses is { } any && (AcceptsAnyStatus || ExpectedStatus is not null))
        {
            yield return $"ExpectAnyOf([{string.Join(", ", any)}]) excludes Expect and AnyStatus: give one";
        }

        if (AcceptsAnyStatus && ExpectedStatus is { } status)
        {
            yield return $"AnyStatus and Expect({status}) exclude each other: give one";
        }
    }

    /// <summary>Sends a JSON body: an object serialized once with System.Text.Json, or a string taken as JSON text. String values may hold <c>{placeholders}</c>; a string that is exactly <c>"{name}"</c> becomes the variable's JSON value.</summary>
    /// <param name="body">The body; <c>null</c> for none.</param>
    public RequestOptions Json(object? body)
    {
        JsonBody = body switch
        {
            null => null,
            string text => text,
            _ => JsonSerializer.Serialize(body, body.GetType()),
        };
        return this;
    }

    /// <summary>Adds a header to this request (wins over the scenario's <see cref="Load.ScenarioBuilder.WithHeader"/>).</summary>
    /// <param name="name">Header name.</param>
    /// <param name="value">Header value.</param>
    public RequestOptions Header(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            AddProblem($"Header: name must not be empty (was '{name}')");
            return this;
        }

        _headers[name] = value ?? string.Empty;
        return this;
    }

    /// <summary>
    /// Adds a header whose value holds <c>{name}</c> placeholders, filled from the user's variables for each request
    /// (e.g. <c>Authorization</c>, <c>Bearer {token}</c> after a capture of <c>token</c>); a variable that was not
    /// captured skips the request, as in paths. Line breaks in a filled-in value are removed.
    /// </summary>
    /// <param name="name">Header name.</param>
    /// <param name="template">Header value with placeholders.</param>
    public RequestOptions HeaderTemplate(string name, string template)
    {
        Header(name, template);
        if (!string.IsNullOrWhiteSpace(name))
        {
            _templatedHeaders.Add(name);
        }

        return this;
    }

    /// <summary>
    /// Returns a redirect (301, 302, 303, 307, 308) as the response, its status checked like any other, instead of
    /// following its Location (Artillery's <c>followRedirect: false</c>). By default same-origin redirects are followed.
    /// </summary>
    public RequestOptions NoRedirects()
    {
        FollowsRedirects = false;
        return this;
    }

    /// <summary>
    /// Names the request's endpoint in the metrics and reports (default <c>METHOD path-template</c>, e.g.
    /// <c>GET /api/v1/appointments/{id}/</c>); requests with the same name are reported together.
    /// </summary>
    /// <param name="name">The endpoint name, not empty.</param>
    public RequestOptions EndpointName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            AddProblem($"EndpointName: name must not be empty (was '{name}')");
            return this;
        }

        EndpointNameOverride = name;
        return this;
    }

    /// <summary>
    /// Checks the response's Content-Type as Artillery's expect plugin does: <c>json</c> passes when the header names
    /// application/json, application/problem+json or application/ld+json and the body is a JSON object or array; any
    /// other value must equal the whole header, parameters included, ignoring case (<c>text/html</c> does not match
    /// <c>text/html; charset=utf-8</c>). A failure is the error <c>check:content-type EXPECTED</c>.
    /// </summary>
    /// <param name="expected"><c>json</c> or a full Content-Type value.</param>
    public RequestOptions CheckContentType(string expected)
    {
        if (string.IsNullOrWhiteSpace(expected))
        {
            AddProblem($"CheckContentType: expected must not be empty (was '{expected}')");
            return this;
        }

        AddCheck(new ResponseCheck($"content-type {expected}", body => expected == "json"
            ? body.ContentType is { } type && JsonMediaTypes.Any(t => type.Contains(t, StringComparison.OrdinalIgnoreCase))
                && body.Root is { ValueKind: JsonValueKind.Object or JsonValueKind.Array }
            : string.Equals(body.ContentType, expected, StringComparison.OrdinalIgnoreCase)));
        return this;
    }
}
