namespace PerfSuite.Engine.Http.Http1;

/// <summary>A response as a step sees it: the status, the body and content type when the step reads them, and a redirect's target.</summary>
internal readonly record struct Http1Response(int Status, byte[]? Body, string? Location, string? ContentType = null);
