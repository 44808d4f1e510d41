import numpy as np, pandas as pd
from pathlib import Path

def make_data(files_dir):
    rng = np.random.default_rng(2024)
    n_sku, n = 700, 3600
    cats = ["dresses", "tops", "jeans", "shoes", "outerwear", "knitwear", "accessories", "swimwear"]
    cat_eff = dict(zip(cats, [0.5, 0.0, 0.3, 0.6, 0.2, -0.1, -1.0, 0.4]))
    brands = [f"B{i:02d}" for i in range(24)]
    brand_eff = rng.normal(0, 0.25, len(brands))
    sku_cat = rng.choice(cats, n_sku, p=[.16, .18, .14, .14, .1, .1, .1, .08])
    sku_brand = rng.integers(0, len(brands), n_sku)
    sku_eff = rng.normal(0, 1.0, n_sku)
    base_price = np.exp(rng.normal(3.6, 0.5, n_sku)).round(2)
    pop = rng.lognormal(0, 1.1, n_sku); pop /= pop.sum()
    sku_idx = rng.choice(n_sku, n, p=pop)
    discount = rng.choice([0, 0, 0, 10, 20, 30, 40, 50], n)
    price = (base_price[sku_idx] * (1 - discount / 100)).round(2)
    tenure = rng.integers(1, 2500, n)
    channel = rng.choice(["web", "app", "marketplace"], n, p=[.5, .35, .15])
    qty = rng.choice([1, 1, 1, 1, 2, 2, 3], n)
    prev_returns = rng.poisson(0.6, n)
    logit = (-1.55 + sku_eff[sku_idx] + np.array([cat_eff[c] for c in sku_cat[sku_idx]]) + brand_eff[sku_bran[sku_idx]] if False else 0)
    logit = (-1.55 + sku_eff[sku_idx] + np.array([cat_eff[c] for c in sku_cat[sku_idx]]) + brand_eff[sku_brand[sku_idx]]
             + 0.012 * discount + 0.3 * (qty - 1) + 0.35 * prev_returns - 0.15 * np.log1p(tenure) / 3
             + 0.25 * (channel == "marketplace") + 0.004 * (price - 40))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    df = pd.DataFrame({
        "order_line_id": [f"OL{100000 + i}" for i in range(n)],
        "sku": [f"SKU-{j:04d}" for j in sku_idx], "brand": [brands[b] for b in sku_brand[sku_idx]],
        "category": sku_cat[sku_idx], "channel": channel, "unit_price": price, "discount_pct": discount,
        "quantity": qty, "customer_tenure_days": tenure, "customer_prior_returns": prev_returns, "returned": y})
    Path(files_dir, "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(Path(files_dir, "data", "order_lines.csv"), index=False)
    return df

if __name__ == "__main__":
    df = make_data("files")
    print(df.shape, df.returned.mean(), df.sku.nunique(), df.sku.value_counts().describe())
