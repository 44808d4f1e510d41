# expect: OVERFITTING@10
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

plots = pd.read_csv("fertiliser_trial.csv")  # 72 plots
train = plots.sample(frac=0.75, random_state=4)
test = plots.drop(train.index)

formula = "yield_t ~ (nitrogen + phosphorus + potassium + irrigation + soil_ph) ** 5"
fit = smf.ols(formula, data=train).fit()
print(fit.summary().tables[0])

pred = fit.predict(test)
print("test RMSE:", np.sqrt(np.mean((test["yield_t"] - pred) ** 2)))
print("R2 on fitted plots:", round(fit.rsquared, 3))
