using System.Text.Json;
using Microsoft.Playwright;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// The layout rules the screenshot tests check (tests/browser-firefox/layout-check.js), against pages made to break each
/// one: a check that passed whatever the page did would let every screenshot test pass too.
/// </summary>
public sealed class LayoutCheckTests : IAsyncLifetime
{
    private Chromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    private async Task<string[]> ProblemsAsync(int width, string phase, string html)
    {
        var page = await _chromium.PageAsync(new Uri("http://127.0.0.1/"), width, 844);
        await page.SetContentAsync(html);
        var result = await page.EvaluateAsync<JsonElement>(ScreensFixture.LayoutCheck, phase);
        return result.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToArray();
    }

    private const string Header = """
        <header><label class="menu-button">Меню</label><nav style="width:12rem"><a href="/admin/logs">Журнал</a> <a href="/admin/stats">Статистика</a> <a href="/admin/runs">Запуски</a></nav>
        <a class="lang" href="/admin/language/en">English</a><form action="/admin/sign-out"><button>Выйти</button></form></header>
        """;

    [Fact]
    public async Task at_a_phone_it_finds_a_page_wider_than_the_screen_an_unfolded_menu_a_table_with_no_scroll_box_and_a_form_in_two_columns()
    {
        var problems = await ProblemsAsync(390, "phone", Header.Replace("class=\"menu-button\"", "class=\"menu-button\" style=\"display:none\"") + """
            <main><table id="wide" style="width:600px"><tr><td>Магазин Купчино</td></tr></table>
            <form id="two"><input name="a" size="8"> <input name="b" size="8"></form></main>
            """);

        Assert.Contains(problems, p => p.StartsWith("the page is 6") && p.Contains("table#wide"));
        Assert.Contains("no menu button shown at a phone size", problems);
        Assert.Contains(problems, p => p.Contains("the link a[href=\"/admin/runs\"] shows before the menu is opened"));
        Assert.Contains("Sign out shows before the menu is opened", problems);
        Assert.Contains("the table table#wide is in no box that scrolls sideways", problems);
        Assert.Contains(problems, p => p.StartsWith("the form form#two is not one column"));
    }

    [Fact]
    public async Task at_a_phone_it_finds_a_scroll_box_wider_than_the_screen_and_a_menu_that_opens_off_screen()
    {
        var wide = await ProblemsAsync(390, "phone", """
            <header><label class="menu-button">Меню</label><nav style="display:none"><a href="/admin/logs">Журнал</a></nav></header>
            <main style="overflow-x:hidden"><div id="box" style="overflow-x:auto;width:500px"><table><tr><td>1</td></tr></table></div></main>
            """);
        Assert.Contains(wide, p => p.StartsWith("the scroll box of table (div#box) spans"));

        var open = await ProblemsAsync(390, "phone-open", """
            <header><nav><a href="/admin/logs" style="position:absolute;left:420px">Журнал</a></nav><a class="lang" href="/">English</a>
            <form action="/admin/sign-out"><button style="display:none">Выйти</button></form></header>
            """);
        Assert.Contains(open, p => p.Contains("the link a[href=\"/admin/logs\"] is not shown in the window with the menu open"));
        Assert.Contains("Sign out is not shown in the window", open);
    }

    [Fact]
    public async Task at_a_laptop_it_finds_a_menu_button_and_navigation_on_two_rows_and_none_of_the_phone_rules()
    {
        var problems = await ProblemsAsync(1366, "laptop", Header + "<main><form><input name=\"a\"> <input name=\"b\"></form></main>");

        Assert.Contains("the menu button shows at a laptop size", problems);
        Assert.Contains("the navigation links take more than one row", problems);
        Assert.DoesNotContain(problems, p => p.Contains("one column") || p.Contains("scrolls sideways"));
        Assert.Equal(2, problems.Length);
    }
}
