using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Net.Sockets;
using System.Text.Json;
using PerfSuite.Engine.Checks;
using PerfSuite.Engine.Http.Http1;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.Tracing;

namespace PerfSuite.Engine.Http;

/// <summary>
/// One HTTP request. Latency runs from just before the request is sent (connect included on a new connection) to
/// the end of the response body. The endpoint name is <c>METHOD template</c>.
/// </summary>
internal sealed class HttpStep : FlowStep
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpMethod _method;
    private readonly VariableTemplate _path;
    private readonly VariableTemplate? _body;
    private readonly KeyValuePair<string, string>[] _headers;

    // Headers whose values hold placeholders (RequestOptions.HeaderTemplate): their index in _headers and template.
    private readonly (int Index, VariableTemplate Value)[] _headerTemplates;
    private readonly int? _expect;
    private readonly IReadOnlyList<int>? _expectAnyOf;
    private readonly bool _anyStatus;
    private readonly IReadOnlyList<(JsonPath Path, string Into, bool Required)> _captures;
    private readonly IReadOnlyList<ResponseCheck> _checks;
    private readonly bool _followRedirects;
    private readonly VariableTemplate? _expectTemplate;
    private readonly (string Header, string Into, bool Required)[] _headerCaptures;

    // CheckEqual: compared once this response's captures are set, so they may name them.
    private readonly (string Name, VariableTemplate[] Values)[] _equalities;

    // The request URI and target of a path without variables, built once per base URI rather than parsed for every request.
    private FixedUri? _fixedUri;
    private byte[]? _fixedBody;

    public HttpStep(
        HttpMethod method,
        string path,
        string? jsonBody,
        int? expect,
        bool anyStatus,
        IReadOnlyList<(JsonPath Path, string Into, bool Required)> captures,
        IReadOnlyList<ResponseCheck> checks,
        IReadOnlyDictionary<string, string> headers,
        IReadOnlySet<string>? templatedHeaders = null,
        string? endpointName = null,
        IReadOnlyList<int>? expectAnyOf = null,
        bool followRedirects = true,
        string? expectTemplate = null,
        IReadOnlyList<IReadOnlyList<string>>? equalities = null,
        IReadOnlyList<(string Header, string Into, bool Required)>? headerCaptures = null)
    {
        _headerCaptures = [.. headerCaptures ?? []];
        _followRedirects = followRedirects;
        _expectTemplate = expectTemplate is null ? null : new VariableTemplate(expectTemplate);
        _equalities = (equalities ?? []).Select(e => (Name: "equals " + string.Join(", ", e), Values: e.Select(v => new VariableTemplate(v)).ToArray())).ToArray();
        _expectAnyOf = expectAnyOf;
        _method = method;
        _path = new VariableTemplate(path);
        _body = jsonBody is null ? null : new VariableTemplate(jsonBody, json: true);
        _expect = expect;
        _anyStatus = anyStatus;
        _captures = captures;
        _checks = checks;
        _headers = headers.ToArray();
        _headerTemplates = _headers.Select((h, i) => (Index: i, Value: new VariableTemplate(h.Value), h.Key))
            .Where(h => templatedHeaders?.Contains(h.Key) == true && h.Value.Variables.Count > 0).Select(h => (h.Index, h.Value)).ToArray();
        EndpointName = endpointName ?? $"{method.Method} {path}";
        RequiredVariables = _path.Variables.Concat(_body?.Variables ?? []).Concat(_headerTemplates.SelectMany(h => h.Value.Variables))
            .Distinct(StringComparer.Ordinal).ToList();
        CapturedVariables = captures.Select(c => c.Into).Concat(_headerCaptures.Select(h => h.Into)).Distinct(StringComparer.Ordinal).ToList();
    }

    public override string EndpointName { get; }

    public override IReadOnlyList<string> RequiredVariables { get; }

    public override IReadOnlyList<string> CapturedVariables { get; }

    public override Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken) =>
        user.Lean is { } lean && _headerCaptures.Length == 0 ? ExecuteLeanAsync(user, lean, endpointId, cancellationToken) : ExecuteHttpClientAsync(user, endpointId, cancellationToken);

    private async Task<bool> ExecuteLeanAsync(VirtualUser user, Http1Client lean, int endpointId, CancellationToken cancellationToken)
    {
        var target = RequestTarget(user);
        var body = _body is null ? default(ReadOnlyMemory<byte>) : RequestBody(user);
        var token = user.RequestTimeout.Start(cancellationToken);
        long started;
        Http1Response response;
        int retried;
        string? traceParent = null;
        try
        {
            var bearer = await user.GetTokenAsync(token).ConfigureAwait(false);
            var headers = Headers(user);
            if (user.Options.TraceContext is not null)
            {
                traceParent = TraceHeaders.NewTraceParent();
                headers = WithTrace(headers, traceParent, user.Recorder.Baggage(endpointId));
            }

            started = Stopwatch.GetTimestamp();
            (response, retried) = await lean.SendAsync(_method.Method, target, bearer, headers, body, NeedsBody, token, _followRedirects).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or HttpRequestException)
        {
            return user.RecordFailure(endpointId, e);
        }
        finally
        {
            user.RequestTimeout.Stop();
        }

        if (retried > 0)
        {
            user.Recorder.Retried(user.WarmUp, retried);
        }

        return Complete(user, endpointId, started, response.Status, response.Body, response.ContentType, traceParent);
    }

    private async Task<bool> ExecuteHttpClientAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        var options = user.Options;
        using var request = new HttpRequestMessage(_method, RequestUri(options.BaseUri, user));
        foreach (var (name, value) in Headers(user))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        string? traceParent = null;
        if (options.TraceContext is not null)
        {
            traceParent = TraceHeaders.NewTraceParent();
            request.Headers.TryAddWithoutValidation(TraceHeaders.TraceParent, traceParent);
            request.Headers.TryAddWithoutValidation(TraceHeaders.Baggage, user.Recorder.Baggage(endpointId));
        }

        if (_body is not null)
        {
            request.Content = new StringContent(_body.Resolve(user.Variables), Encoding.UTF8, JsonMediaType);
        }

        var token = user.RequestTimeout.Start(cancellationToken);
        long started;
        int status;
        var closedBefore = user.Dropped.Closed;
        var resetBefore = user.Dropped.Reset;
        byte[]? body = null;
        string? contentType = null;
        List<(string Into, string Value, bool Required)>? headerValues = null;
        try
        {
            if (await user.GetTokenAsync(token).ConfigureAwait(false) is { } bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            started = Stopwatch.GetTimestamp();
            using var response = await (_followRedirects ? user.Http : user.HttpWithoutRedirects).SendAsync(request, token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            headerValues = _headerCaptures.Length == 0 ? null : HeaderValues(response);
            if (NeedsBody)
            {
                contentType = response.Content.Headers.TryGetValues("Content-Type", out var types) ? string.Join(", ", types) : null;
                body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            }
            else
            {
                var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.CopyToAsync(Stream.Null, token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // The last dropped attempt is the exception itself: counted once, by the stream that saw it.
            var dropped = RecordDropped(user, endpointId, closedBefore, resetBefore, retriedAsSuccess: false);
            return dropped > 0 && e is not OperationCanceledException && ErrorKinds.Classify(e) == ErrorKind.ConnectionReset
                ? false
                : user.RecordFailure(endpointId, e);
        }
        finally
        {
            user.RequestTimeout.Stop();
        }

        // Attempts the server dropped before this response were retried silently by the handler: each is an error of its
        // own, or with RetryDroppedRequests a retry that succeeded.
        RecordDropped(user, endpointId, closedBefore, resetBefore, user.Options.RetryDroppedRequests);
        return Complete(user, endpointId, started, status, body, contentType, traceParent, headerValues);
    }

    private List<(string Into, string Value, bool Required)> HeaderValues(HttpResponseMessage response)
    {
        var values = new List<(string Into, string Value, bool Required)>(_headerCaptures.Length);
        foreach (var (header, into, required) in _headerCaptures)
        {
            var found = response.Headers.TryGetValues(header, out var list) || response.Content.Headers.TryGetValues(header, out list)
                ? list.ToList()
                : [];
            var text = string.Equals(header, "set-cookie", StringComparison.OrdinalIgnoreCase)
                ? (found.Count == 0 ? string.Empty : JsonSerializer.Serialize(found))
                : string.Join(", ", found);
            values.Add((into, text, required));
        }

        return values;
    }

    private bool Complete(VirtualUser user, int endpointId, long started, int status, byte[]? body, string? contentType, string? traceParent, List<(string Into, string Value, bool Required)>? headerValues = null)
    {
        var microseconds = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;

        // AnyStatus: every status is a code, never a failure by itself (the checks still decide).
        var unexpected = _expectTemplate is not null ? !MatchesTemplate(user, status)
            : _expectAnyOf is { } allowed ? !allowed.Contains(status) : _expect is { } expected && status != expected;
        var statusFailed = !_anyStatus && (unexpected || (_expectTemplate is null && RequestOutcome.IsFailure(status, _expect)));
        using var received = body is null ? null : new ResponseBody(body, contentType);
        var failedChecks = statusFailed || received is null ? 0 : ResponseVerifier.Check(user, endpointId, received, _checks);
        var captured = false;
        if (headerValues is not null && !statusFailed && failedChecks == 0)
        {
            foreach (var (into, value, required) in headerValues)
            {
                if (value.Length > 0 || !required)
                {
                    user.SetVariable(into, VariableValue.FromString(value));
                }
                else
                {
                    // As a JSON capture that finds nothing: recorded, the variable marked, the flow failed.
                    user.MarkCaptureFailed(into);
                    user.Recorder.StepError(endpointId, user.WarmUp, ErrorKind.CaptureFailed);
                    user.Failed = true;
                }
            }
        }

        if (_equalities.Length > 0 && !statusFailed && failedChecks == 0 && received is not null)
        {
            ResponseVerifier.Capture(user, endpointId, received, _captures);
            captured = true;
            failedChecks += CheckEqualities(user, endpointId);
        }

        user.Recorder.Response(endpointId, user.WarmUp, microseconds, status, statusFailed || failedChecks > 0, traceParent);
        if (unexpected)
        {
            user.Recorder.StepError(endpointId, user.WarmUp, ErrorKind.UnexpectedStatus);
        }

        if (statusFailed || failedChecks > 0)
        {
            return false;
        }

        if (received is not null && !captured)
        {
            ResponseVerifier.Capture(user, endpointId, received, _captures);
        }

        return true;
    }

    private bool NeedsBody => _captures.Count > 0 || _checks.Count > 0 || _equalities.Length > 0;

    private bool MatchesTemplate(VirtualUser user, int status) =>
        int.TryParse(Fill(_expectTemplate!, user).Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var expected)
        && expected == status;

    private int CheckEqualities(VirtualUser user, int endpointId)
    {
        var failed = 0;
        foreach (var (name, values) in _equalities)
        {
            var first = Fill(values[0], user);
            if (!values.Skip(1).All(v => string.Equals(Fill(v, user), first, StringComparison.Ordinal)))
            {
                failed++;
                user.Recorder.StepError(endpointId, user.WarmUp, ErrorKind.CheckFailed, name);
            }
        }

        return failed;
    }

    // A template filled from the user's variables, an unset one read as 'undefined' (as Artillery renders it).
    private static string Fill(VariableTemplate template, VirtualUser user)
    {
        if (template.Variables.All(user.Variables.ContainsKey))
        {
            return template.Resolve(user.Variables, escape: false);
        }

        var variables = new Dictionary<string, VariableValue>(user.Variables, StringComparer.Ordinal);
        foreach (var name in template.Variables.Where(n => !variables.ContainsKey(n)))
        {
            variables[name] = VariableValue.FromString("undefined");
        }

        return template.Resolve(variables, escape: false);
    }

    private static long RecordDropped(VirtualUser user, int endpointId, long closedBefore, long resetBefore, bool retriedAsSuccess)
    {
        var closed = user.Dropped.Closed - closedBefore;
        var reset = user.Dropped.Reset - resetBefore;
        if (retriedAsSuccess && closed + reset > 0)
        {
            user.Recorder.Retried(user.WarmUp, (int)(closed + reset));
            return closed + reset;
        }

        for (var i = 0; i < closed; i++)
        {
            user.Recorder.TransportError(endpointId, user.WarmUp, ErrorKind.ConnectionClosed, null);
        }

        for (var i = 0; i < reset; i++)
        {
            user.Recorder.TransportError(endpointId, user.WarmUp, ErrorKind.ConnectionReset, null);
        }

        return closed + reset;
    }

    // The request's headers plus traceparent and baggage (a copy: the shared array stays as built).
    private static KeyValuePair<string, string>[] WithTrace(KeyValuePair<string, string>[] headers, string traceParent, string baggage)
    {
        var all = new KeyValuePair<string, string>[headers.Length + 2];
        headers.CopyTo(all, 0);
        all[^2] = new KeyValuePair<string, string>(TraceHeaders.TraceParent, traceParent);
        all[^1] = new KeyValuePair<string, string>(TraceHeaders.Baggage, baggage);
        return all;
    }

    // The fixed headers as they are; templated ones filled in for this user (a copy, so the shared array stays as built).
    private KeyValuePair<string, string>[] Headers(VirtualUser user)
    {
        if (_headerTemplates.Length == 0)
        {
            return _headers;
        }

        var headers = (KeyValuePair<string, string>[])_headers.Clone();
        foreach (var (index, value) in _headerTemplates)
        {
            var text = value.Resolve(user.Variables, escape: false).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
            headers[index] = new KeyValuePair<string, string>(headers[index].Key, text);
        }

        return headers;
    }

    private Uri RequestUri(Uri baseUri, VirtualUser user) =>
        _path.Variables.Count > 0 ? Combine(baseUri, _path.Resolve(user.Variables)) : Fixed(baseUri).RequestUri;

    // The request target (path and query, escaped) of the lean client.
    private string RequestTarget(VirtualUser user)
    {
        var baseUri = user.Options.BaseUri;
        return _path.Variables.Count > 0 ? Combine(baseUri, _path.Resolve(user.Variables)).PathAndQuery : Fixed(baseUri).Target;
    }

    // A path without variables: its URI and request target, built once per base URI rather than for every request.
    private FixedUri Fixed(Uri baseUri)
    {
        if (_fixedUri is { } cached && ReferenceEquals(cached.BaseUri, baseUri))
        {
            return cached;
        }

        var uri = Combine(baseUri, _path.Text);
        return _fixedUri = new FixedUri(baseUri, uri, uri.PathAndQuery);
    }

    private ReadOnlyMemory<byte> RequestBody(VirtualUser user)
    {
        if (_body!.Variables.Count > 0)
        {
            return Encoding.UTF8.GetBytes(_body.Resolve(user.Variables));
        }

        return _fixedBody ??= Encoding.UTF8.GetBytes(_body.Text);
    }

    private static Uri Combine(Uri baseUri, string path) =>
        new(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path));

    private sealed record FixedUri(Uri BaseUri, Uri RequestUri, string Target);
}
