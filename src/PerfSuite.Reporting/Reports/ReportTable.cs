namespace PerfSuite.Reporting.Reports;

/// <summary>A table as plain text cells, rendered by both the Markdown and the HTML exporter so they show the same figures.</summary>
/// <param name="Id">Stable identifier, e.g. <c>budget</c>; the HTML <c>id</c>.</param>
/// <param name="Title">Heading above the table.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Numeric">Per column: true to right-align (numbers).</param>
/// <param name="Rows">Cells, plain text (renderers escape them).</param>
/// <param name="Empty">What to print instead of the table when there are no rows.</param>
internal sealed record ReportTable(
    string Id,
    string Title,
    IReadOnlyList<string> Columns,
    IReadOnlyList<bool> Numeric,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    string Empty);
