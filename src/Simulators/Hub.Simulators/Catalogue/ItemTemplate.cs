using Bogus;

namespace Hub.Simulators.Catalogue;

public sealed record ItemTemplate(string ArticlePrefix, string Unit, int MinPriceRub, int MaxPriceRub, Func<Randomizer, string> Name);
