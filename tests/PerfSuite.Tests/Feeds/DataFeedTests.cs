using System.Net;
using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Http;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Feeds;

/// <summary>Data feeds: CSV, JSON and in-memory records; sequential, random and unique order; every bad input named by Build.</summary>
public sealed class DataFeedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perfsuite-feeds-").FullName;
    private readonly SpyHttpHandler _spy = new(_ => (HttpStatusCode.OK, "{}"));

    public void Dispose()
    {
        _spy.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Each_flow_run_gets_the_next_csv_record_in_file_order_and_wraps_around()
    {
        var csv = Write("users.csv", "\uFEFFname,email\r\n\"Ann, A.\",ann@x.org\r\n\r\nBob,\"b\"\"ob\"@x.org\r\n");
        var flow = Scenario.Create("csv").WithFeed(DataFeed.FromCsv(csv)).Get("/u/{name}?email={email}").Build();

        await VirtualTimeRun.RunAsync(flow, _spy, arrivals: 3);

        _spy.Requests.Select(r => r.PathAndQuery).Should().Equal(
            "/u/Ann%2C%20A.?email=ann%40x.org", "/u/Bob?email=b%22ob%40x.org", "/u/Ann%2C%20A.?email=ann%40x.org");
    }

    [Fact]
    public async Task A_csv_feed_takes_another_delimiter_and_quoted_fields_hold_it_and_newlines()
    {
        var csv = Write("notes.csv", "name;note\n\"Ann; A.\";\"two\nlines\"\nBob;plain\n");
        var flow = Scenario.Create("semicolons").WithFeed(DataFeed.FromCsv(csv, delimiter: ';')).Get("/u/{name}?note={note}").Build();

        await VirtualTimeRun.RunAsync(flow, _spy, arrivals: 2);

        _spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/u/Ann%3B%20A.?note=two%0Alines", "/u/Bob?note=plain");
    }

    [Fact]
    public async Task Json_records_keep_numbers_as_json_and_strings_as_text()
    {
        var json = Write("offices.json", """[ {"office_id": 1, "name": "North"}, {"office_id": 2, "name": "South"} ]""");
        var flow = Scenario.Create("json")
            .WithFeed(DataFeed.FromJson(json))
            .Post("/offices/{name}", r => r.Json(new { id = "{office_id}", label = "office {name}" }))
            .Build();

        await VirtualTimeRun.RunAsync(flow, _spy, arrivals: 2);

        _spy.Requests.Select(r => $"{r.PathAndQuery} {r.Body}").Should().Equal(
            """/offices/North {"id":1,"label":"office North"}""", """/offices/South {"id":2,"label":"office South"}""");
    }

    [Fact]
    public async Task A_unique_feed_gives_every_flow_run_its_own_record()
    {
        var flow = Scenario.Create("unique").WithFeed(Records("accounts", 3, FeedOrder.Unique)).Get("/login/{user}").Build();

        await VirtualTimeRun.RunAsync(flow, _spy, arrivals: 3);

        _spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/login/u0", "/login/u1", "/login/u2");
    }

    [Fact]
    public async Task A_unique_feed_that_runs_out_stops_the_run_with_an_error_naming_the_feed_and_its_record_count()
    {
        var csv = Write("accounts.csv", "user\nu0\nu1\nu2\n");
        var flow = Scenario.Create("too many users").WithFeed(DataFeed.FromCsv(csv, FeedOrder.Unique)).Get("/login/{user}").Build();

        var act = () => VirtualTimeRun.RunAsync(flow, _spy, arrivals: 4);

        (await act.Should().ThrowAsync<FeedExhaustedException>()).Which.Message.Should().Be(
            $"feed {csv} (unique, 3 records) ran out: scenario 'too many users' started flow run 4 and every record was used once. "
            + "Give the feed more records, lower the load, or use FeedOrder.Sequential or FeedOrder.Random.");
        _spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/login/u0", "/login/u1", "/login/u2");
    }

    [Fact]
    public async Task A_unique_feed_that_runs_out_stops_the_schedule_and_the_users_in_flight_at_once()
    {
        var time = new Load.FakeTimeProvider();
        var flow = Scenario.Create("thinkers").WithFeed(Records("accounts", 3, FeedOrder.Unique)).Think(TimeSpan.FromSeconds(40)).Get("/after/{user}").Build();
        var options = VirtualTimeRun.Options([flow], _spy, time) with
        {
            Profile = new LoadProfile("slow", [new ArrivalPhase("one every 15 s", TimeSpan.FromSeconds(60), 1.0 / 15)]),
        };

        // The virtual clock stops at 50 s: the 4th arrival at 45 s runs out, and the run must end without the clock
        // reaching 55 s and 70 s, where the users in flight would end their think times. A run that waited for them
        // never completes (RunAsync then fails: "should finish within 50 s of virtual time"). Where the clock stops does
        // not depend on how fast the machine runs the engine's continuations.
        var act = () => time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(50));

        (await act.Should().ThrowAsync<FeedExhaustedException>()).Which.Should().Match<FeedExhaustedException>(e => e.Feed == "accounts" && e.Records == 3);
        _spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/after/u0");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_unique_feed_split_across_shards_gives_each_record_to_one_shard_and_together_the_whole_runs_records(int shards)
    {
        // Each shard is its own generator: its own feed, loaded from the same records, its own transport.
        static async Task<List<string>> Users(LoadShard shard)
        {
            using var spy = new SpyHttpHandler(r => (HttpStatusCode.OK, "{}"));
            var flow = Scenario.Create("unique").WithFeed(Records("accounts", 12, FeedOrder.Unique)).Get("/login/{user}").Build();
            var options = VirtualTimeRun.Options([flow], spy, new Load.FakeTimeProvider(), arrivals: 12) with { Shard = shard };
            var summary = await VirtualTimeRun.RunAsync(options);
            summary.ScenariosFailed.Should().Be(0, $"shard {shard.Index} of {shard.Count} has records for each of its arrivals");
            return spy.Requests.Select(r => r.PathAndQuery).ToList();
        }

        var whole = await Users(LoadShard.Whole);
        var parts = new List<List<string>>();
        for (var i = 1; i <= shards; i++)
        {
            parts.Add(await Users(new LoadShard(i, shards)));
        }

        whole.Should().HaveCount(12);
        parts.Should().AllSatisfy(p => p.Should().NotBeEmpty());
        var used = parts.SelectMany(p => p).ToList();
        used.Should().OnlyHaveUniqueItems("no record of a unique feed goes to two shards");
        used.Should().BeEquivalentTo(whole, "together the shards use exactly the whole run's records");
    }

    [Fact]
    public async Task Two_scenarios_sharing_a_unique_feed_never_get_the_same_record()
    {
        var feed = Records("accounts", 4, FeedOrder.Unique);
        var a = Scenario.Create("a").WithFeed(feed).Get("/a/{user}").Build();
        var b = Scenario.Create("b").WithFeed(feed).Get("/b/{user}").Build();

        await VirtualTimeRun.RunAsync(VirtualTimeRun.Options([a, b], _spy, new Load.FakeTimeProvider(), arrivals: 4));

        _spy.Requests.Select(r => r.PathAndQuery[3..]).Should().BeEquivalentTo(["u0", "u1", "u2", "u3"]);
    }

    [Fact]
    public async Task A_random_feed_draws_the_same_records_for_the_same_seed_and_others_for_another()
    {
        var flow = Scenario.Create("random").WithFeed(Records("users", 50, FeedOrder.Random)).Get("/{user}").Build();

        var first = await Paths(flow, seed: 1);
        var again = await Paths(flow, seed: 1);
        var other = await Paths(flow, seed: 2);

        again.Should().Equal(first);
        other.Should().NotEqual(first);
        first.Distinct().Should().HaveCountGreaterThan(1);
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "empty.csv", string.Empty, "feed {0}: no records (was 0 records; a feed needs at least one record: an empty feed gives a flow nothing to run with)" },
        { "header-only.csv", "name,email\n", "feed {0}: no records (was 0 records; a feed needs at least one record: an empty feed gives a flow nothing to run with)" },
        { "empty-field.csv", "name,,email\na,b,c\n", "feed {0} line 1: header field 2 is empty (header: 'name,,email')" },
        { "twice.csv", "name,name\na,b\n", "feed {0} line 1: header field 'name' appears twice" },
        { "bad-name.csv", "name,e mail\na,b\n", "feed {0} line 1: header field 'e mail' is not a variable name (letters, digits, '_', '.', '-'; not starting with a digit)" },
        { "ragged.csv", "name,email\na,b\n\nc\n", "feed {0} line 4: 1 field(s) but the header has 2: 'c'" },
        { "quote.csv", "name\n\"open\n", "feed {0} line 2: a quoted field is not closed: '\"open\n'" },
        { "broken.json", "[\n{\"a\": 1},\n{\"a\": }\n]", "feed {0} line 3: not valid JSON: *" },
        { "object.json", """{"a": 1}""", "feed {0}: must be a JSON array of objects (was object)" },
        { "scalar-item.json", """[{"a": 1}, 2]""", "feed {0} item 2: must be an object (was 2)" },
        { "missing-field.json", """[{"a": 1, "b": 2}, {"a": 3}]""", "feed {0} item 2: lacks field 'b' (item 1 has it)" },
        { "extra-field.json", """[{"a": 1}, {"a": 3, "c": 4}]""", "feed {0} item 2: has field 'c' that item 1 does not" },
        { "null-field.json", """[{"a": null}]""", "feed {0} item 1: field 'a' is null" },
        { "empty.json", "[]", "feed {0}: no records (was 0 records; a feed needs at least one record: an empty feed gives a flow nothing to run with)" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_feed_file_is_reported_by_Build_with_the_file_line_and_value(string file, string content, string message)
    {
        var path = Write(file, content);
        var feed = file.EndsWith(".csv", StringComparison.Ordinal) ? DataFeed.FromCsv(path) : DataFeed.FromJson(path);
        var builder = Scenario.Create("feed").WithFeed(feed).Get("/x");

        var act = builder.Build;

        act.Should().Throw<InvalidOperationException>().WithMessage("scenario 'feed': " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path));
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_full_path()
    {
        var path = Path.Combine(_folder, "nope.csv");
        var builder = Scenario.Create("feed").WithFeed(DataFeed.FromCsv(path)).Get("/x");

        var act = builder.Build;

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Be($"scenario 'feed': feed {path}: file not found (full path {path})");
    }

    public static TheoryData<string, string> BadScenarios => new()
    {
        { "empty list", "scenario 'feed': feed offices: no records (was 0 records; a feed needs at least one record: an empty feed gives a flow nothing to run with)" },
        { "ragged list", "scenario 'feed': feed offices record 2: lacks field 'name' (record 1 has it)" },
        { "field also a variable", "scenario 'feed': feed offices: field 'office' is also set by another feed or WithVariable" },
        { "placeholder no feed has", "scenario 'feed': step 'GET /x/{nope}' uses {nope} but no earlier step captures it" },
        { "unknown order", "scenario 'feed': feed offices: order must be Sequential, Random or Unique (was 7)" },
    };

    private static readonly Dictionary<string, Func<ScenarioBuilder, ScenarioBuilder>> Bad = new()
    {
        ["empty list"] = b => b.WithFeed(DataFeed.FromRecords("offices", [])).Get("/x"),
        ["ragged list"] = b => b.WithFeed(DataFeed.FromRecords("offices", [Record(("office", "1"), ("name", "N")), Record(("office", "2"))])).Get("/x"),
        ["field also a variable"] = b => b.WithVariable("office", "0").WithFeed(DataFeed.FromRecords("offices", [Record(("office", "1"))])).Get("/x"),
        ["placeholder no feed has"] = b => b.WithFeed(DataFeed.FromRecords("offices", [Record(("office", "1"))])).Get("/x/{office}").Get("/x/{nope}"),
        ["unknown order"] = b => b.WithFeed(DataFeed.FromRecords("offices", [Record(("office", "1"))], (FeedOrder)7)).Get("/x"),
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void A_bad_in_memory_feed_or_its_use_is_reported_by_Build(string scenario, string message)
    {
        var builder = Bad[scenario](Scenario.Create("feed"));

        var act = builder.Build;

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Be(message);
    }

    private static Dictionary<string, string> Record(params (string Field, string Value)[] fields) =>
        fields.ToDictionary(f => f.Field, f => f.Value);

    private static DataFeed Records(string name, int count, FeedOrder order) =>
        DataFeed.FromRecords(name, Enumerable.Range(0, count).Select(i => Record(("user", $"u{i}"))), order);

    private static async Task<List<string>> Paths(Scenario flow, int seed)
    {
        using var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, "{}"));
        var options = VirtualTimeRun.Options([flow], spy, new Load.FakeTimeProvider(), arrivals: 10) with { Seed = seed };
        await VirtualTimeRun.RunAsync(options);
        return spy.Requests.Select(r => r.PathAndQuery).ToList();
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
