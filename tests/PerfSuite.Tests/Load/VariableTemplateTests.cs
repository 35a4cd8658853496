using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

public sealed class VariableTemplateTests
{
    public static TheoryData<string, bool, string> Templates => new()
    {
        { "/api/v1/appointments/{id}/", false, "/api/v1/appointments/42/" },
        { "/rooms/{room}", false, "/rooms/office%201" },
        { "/plain", false, "/plain" },
        { """{"id":"{id}"}""", true, """{"id":42}""" },
        { """{"room":"{room}"}""", true, """{"room":"office 1"}""" },
        { """{"label":"#{id} in {room}"}""", true, """{"label":"#42 in office 1"}""" },
        { """{"quote":"{quote}"}""", true, """{"quote":"say \u0022hi\u0022"}""" },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Placeholders_resolve_from_variables(string text, bool json, string expected)
    {
        var variables = new Dictionary<string, VariableValue>
        {
            ["id"] = new("42", "42"),
            ["room"] = VariableValue.FromString("office 1"),
            ["quote"] = VariableValue.FromString("say \"hi\""),
        };

        var resolved = new VariableTemplate(text, json).Resolve(variables);

        resolved.Should().Be(expected);
    }

    [Fact]
    public void Variables_lists_each_placeholder_once()
    {
        var template = new VariableTemplate("/a/{x}/b/{y}/{x}");

        var names = template.Variables;

        names.Should().Equal("x", "y");
    }
}
