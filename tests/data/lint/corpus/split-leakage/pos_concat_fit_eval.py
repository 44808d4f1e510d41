# expect: DATA_LEAKAGE@12
import pandas as pd
from sklearn.linear_model import ElasticNet
from sklearn.metrics import mean_squared_error

df_a = pd.read_csv("campaign_2022.csv")
df_b = pd.read_csv("campaign_2023.csv")
feats = ["spend_tv", "spend_radio", "spend_search", "spend_social", "price_index"]

both = pd.concat([df_a, df_b], ignore_index=True)
enet = ElasticNet(alpha=0.05, l1_ratio=0.3)
enet.fit(both[feats], both["sales"])

pred_b = enet.predict(df_b[feats])
print("2023 RMSE:", mean_squared_error(df_b["sales"], pred_b) ** 0.5)
print(dict(zip(feats, enet.coef_.round(3))))
