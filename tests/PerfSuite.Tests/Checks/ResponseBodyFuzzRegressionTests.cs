using PerfSuite.Engine.Checks;

namespace PerfSuite.Tests.Checks;

/// <summary>
/// Crashers found by the json-checks fuzz target (docs/reliability.md, "Fuzzing"): a JSON body with invalid UTF-8 inside
/// a string parsed, then threw InvalidOperationException when a capture read the value. Such a body is not JSON now: the
/// capture fails as capture-failed, the check as a failed check, nothing throws.
/// </summary>
public sealed class ResponseBodyFuzzRegressionTests
{
    public static TheoryData<string, byte[]> Crashers => new()
    {
        // id:000000: {"token":"ey\x7f\xffbGciOi",...}
        { "token", [.. "{\"token\":\"ey"u8, 0x7f, 0xff, .. "bGciOi\",\"ehpires_^n\":3600}"u8] },
        // id:000001: {"items":[{"":"a"},{"\x80ame":"b"}]}
        { "items", [.. "{\"items\":[{\"\":\"a\"},{\""u8, 0x80, .. "ame\":\"b\"}]}"u8] },
    };

    [Theory]
    [MemberData(nameof(Crashers))]
    public void A_json_body_with_invalid_utf8_is_not_json_and_a_capture_of_it_finds_nothing(string path, byte[] body)
    {
        using var response = new ResponseBody(body, "application/json");

        var found = response.TryFind(JsonPath.Parse(path), out _);

        found.Should().BeFalse();
        response.Root.Should().BeNull();
    }
}
