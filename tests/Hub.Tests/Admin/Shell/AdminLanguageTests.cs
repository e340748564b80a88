using System.Text.RegularExpressions;
using Alba;
using Hub.Admin.Shell;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Shell;

/// <summary>The pages' language: Russian by default, English by the user's choice kept in a cookie.</summary>
[Collection(AdminCollection.Name)]
public sealed partial class AdminLanguageTests(AdminFixture fixture)
{
    private async Task<string> PageAsync(string url, string? language = null) =>
        await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithKey(TestKeys.Operator);
            if (language is not null) s.WithRequestHeader("Cookie", $"{AdminCulture.CookieName}=c={language}|uic={language}");
        })).ReadAsTextAsync();

    private static string Frame(string page) => HeaderOf().Match(page).Value;

    [Fact]
    public void every_text_has_a_russian_and_an_english_version()
    {
        foreach (var (key, entry) in AdminText.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.En), key);
            Assert.Matches(Cyrillic(), entry.Ru);
            Assert.DoesNotMatch(Cyrillic(), entry.En);
        }
    }

    [Theory]
    [InlineData("/admin/logs")]
    [InlineData("/admin/stats")]
    [InlineData("/admin/runs")]
    [InlineData("/admin/outbox")]
    [InlineData("/admin/schedules")]
    [InlineData("/admin/health")]
    public async Task a_page_in_russian_mode_has_no_english_label_left_in_its_frame(string url)
    {
        var page = await PageAsync(url);
        Assert.Contains("<html lang=\"ru\">", page);
        var frame = Frame(page);
        Assert.Contains("Выйти", frame);
        foreach (var entry in AdminText.All.Values)
            Assert.DoesNotContain($">{entry.En}<", frame);
        Assert.Contains("href=\"/admin/language/en?back=", frame);
    }

    [Fact]
    public async Task english_is_chosen_per_user_by_a_cookie_and_the_way_back_stays_on_this_site()
    {
        var english = await PageAsync("/admin/logs", "en");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains(">Sign out<", Frame(english));
        Assert.Contains(">Русский<", Frame(english));

        var chosen = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/language/en?back=%2Fadmin%2Fruns");
            s.StatusCodeShouldBe(302);
        });
        Assert.Equal("/admin/runs", chosen.Context.Response.Headers.Location.ToString());
        Assert.Contains($"{AdminCulture.CookieName}=c%3Den%7Cuic%3Den", chosen.Context.Response.Headers.SetCookie.ToString());

        var elsewhere = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/language/ru?back=%2F%2Fevil.example%2Fadmin");
            s.StatusCodeShouldBe(302);
        });
        Assert.Equal("/admin", elsewhere.Context.Response.Headers.Location.ToString());
    }

    [GeneratedRegex("<header>.*?</header>", RegexOptions.Singleline)]
    private static partial Regex HeaderOf();

    [GeneratedRegex("[А-Яа-яЁё]")]
    private static partial Regex Cyrillic();
}
