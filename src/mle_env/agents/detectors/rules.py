"""The registry of lint rules: a stable id, the slug the detectors emit, and the docs.

Ids are ruff-style: ``ML`` + three digits. The first digit is the bug code, so a prefix selects
a family (``--select ML1`` is all of DATA_LEAKAGE); inside DATA_LEAKAGE the second digit groups
the kind of leak (``--select ML14`` is temporal leakage):

    ML1xx  DATA_LEAKAGE     ML10x preprocessing fitted on evaluation rows   ML11x target in
                            features / target statistics   ML13x splits   ML14x temporal
                            ML15x model selection (ML12x is free)
    ML2xx  ENCODING_ERROR   ML3xx  SCALING_ERROR   ML4xx  IMBALANCE
    ML5xx  OVERFITTING      ML6xx  UNDERFITTING    ML7xx  OUTLIER

An id is never reused or renumbered; the slug (``fit-before-split``) stays valid wherever an id
is (``--select``, ``# noqa:``, ``--explain``). To add a rule, append a ``Rule(...)`` to
``RULES`` with the next free id of its group and a slug no other rule uses; tests/test_lint_cli.py fails for a slug a
detector emits that is not registered here. Nothing here imports the detectors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CODE_DIGIT = {
    "DATA_LEAKAGE": "1",
    "ENCODING_ERROR": "2",
    "SCALING_ERROR": "3",
    "IMBALANCE": "4",
    "OVERFITTING": "5",
    "UNDERFITTING": "6",
    "OUTLIER": "7",
}
DOCS_PAGE = "docs/lint.md"


@dataclass(frozen=True)
class Rule:
    id: str  # ML101: stable, never reused
    slug: str  # fit-before-split: what the detectors put in Finding.rule
    code: str  # the bug code every finding of this rule carries
    title: str  # one line, no final period
    why: str  # why it matters (what goes wrong in the reported numbers)
    fix: str  # how to fix it
    bad: str  # a few lines showing the bug
    good: str  # the same code, fixed

    @property
    def anchor(self) -> str:
        """The heading anchor of this rule in docs/lint.md (``ml101-fit-before-split``)."""
        return f"{self.id.lower()}-{self.slug}"


R = Rule
RULES: tuple[Rule, ...] = (
    # ---- ML10x DATA_LEAKAGE: preprocessing fitted on evaluation rows
    R("ML101", "fit-before-split", "DATA_LEAKAGE", "Transformer fitted on all rows before the train/test split",
      "A scaler, imputer, selector, PCA, vectoriser or target encoder fitted before the split has seen the test "
      "rows, so the held-out score is optimistic.",
      "Split first; fit the transformer on the training rows and only transform() the test rows, or put it in a "
      "Pipeline with the model.",
      "X = StandardScaler().fit_transform(X)\nX_tr, X_te, y_tr, y_te = train_test_split(X, y)",
      "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\nsc = StandardScaler().fit(X_tr)\n"
      "X_tr, X_te = sc.transform(X_tr), sc.transform(X_te)"),
    R("ML102", "fit-outside-cv", "DATA_LEAKAGE", "Transformer fitted on all rows before cross-validation",
      "Every validation fold has already shaped the preprocessing, so the cross-validated score is optimistic.",
      "Put the preprocessing and the model in one Pipeline and cross-validate the pipeline.",
      "X = SelectKBest(k=10).fit_transform(X, y)\ncross_val_score(LogisticRegression(), X, y, cv=5)",
      "pipe = make_pipeline(SelectKBest(k=10), LogisticRegression())\ncross_val_score(pipe, X, y, cv=5)"),
    R("ML103", "resample-before-split", "DATA_LEAKAGE", "Oversampling or SMOTE before the split",
      "Synthetic or duplicated copies of evaluation rows end up in the training data; the score measures "
      "memorisation of near-duplicates.",
      "Split first and resample only the training rows (inside CV, use an imblearn Pipeline).",
      "X, y = SMOTE().fit_resample(X, y)\nX_tr, X_te, y_tr, y_te = train_test_split(X, y)",
      "X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)\nX_tr, y_tr = SMOTE().fit_resample(X_tr, y_tr)"),
    R("ML104", "stats-before-split", "DATA_LEAKAGE", "Statistics of all rows used to fill or scale before the split",
      "df.mean()/std()/median() over all rows carries test-set information into the training features.",
      "Compute the statistic on the training rows only and apply it to the test rows.",
      "df = df.fillna(df.mean())\ntrain, test = train_test_split(df)",
      "train, test = train_test_split(df)\nm = train.mean()\ntrain, test = train.fillna(m), test.fillna(m)"),
    R("ML105", "fit-on-test", "DATA_LEAKAGE", "Imputer, selector or PCA fitted on the test rows",
      "The test rows decide how they are transformed, which a model in production never gets to do.",
      "Fit on the training rows and only call transform() on the test rows.",
      "imp.fit(X_tr)\nX_te = SimpleImputer().fit_transform(X_te)",
      "imp.fit(X_tr)\nX_te = imp.transform(X_te)"),
    R("ML106", "fit-on-train-and-test", "DATA_LEAKAGE", "Transformer fitted on train and test concatenated",
      "Test statistics leak into the training features through the shared fit.",
      "Fit on the training rows only; transform the test rows with it.",
      "enc.fit(pd.concat([train, test]))",
      "enc.fit(train)\ntest_enc = enc.transform(test)"),
    # ---- ML11x DATA_LEAKAGE: the target in the features, target statistics
    R("ML111", "target-in-features", "DATA_LEAKAGE", "The target column is left among the features",
      "The model reads the answer: near-perfect scores that vanish in production.",
      "Drop the target (and columns derived from it) from X.",
      "y = df['price']\nX = df.drop(columns=['id'])",
      "y = df['price']\nX = df.drop(columns=['id', 'price'])"),
    # ---- ML13x DATA_LEAKAGE: splits
    R("ML131", "model-fit-on-test", "DATA_LEAKAGE", "The model is trained on the test rows",
      "A score measured on rows the model was trained on is not a held-out estimate.",
      "Fit the model on the training rows only.",
      "model.fit(X_te, y_te)\nprint(model.score(X_te, y_te))",
      "model.fit(X_tr, y_tr)\nprint(model.score(X_te, y_te))"),
    R("ML132", "overlapping-split", "DATA_LEAKAGE", "Hand-made train and test slices overlap",
      "Rows in both slices are scored after being trained on, so the score is optimistic.",
      "Make the slices disjoint: data[:n_train] and data[n_train:].",
      "m.fit(X[:800], y[:800])\nm.score(X[700:], y[700:])",
      "m.fit(X[:800], y[:800])\nm.score(X[800:], y[800:])"),
    R("ML133", "model-fit-on-all-rows", "DATA_LEAKAGE", "Model fitted on all rows, then scored on a subset",
      "The evaluation rows were part of the training data: the score is not a held-out estimate.",
      "Set the evaluation rows aside before fitting; train on the rest only.",
      "m.fit(X, y)\nhold = X.sample(frac=0.2).index\nm.score(X.loc[hold], y.loc[hold])",
      "hold = X.sample(frac=0.2).index\nm.fit(X.drop(hold), y.drop(hold))\nm.score(X.loc[hold], y.loc[hold])"),
    R("ML112", "target-stats-before-split", "DATA_LEAKAGE", "Per-group target statistics computed on all rows",
      "Mean/target encoding by hand on every row puts each row's own label and the test labels into the "
      "features before the split.",
      "Compute the group statistics on the training rows (inside each fold) and map them onto the others.",
      "df['city_rate'] = df.groupby('city')['y'].transform('mean')\ntrain, test = train_test_split(df)",
      "train, test = train_test_split(df)\nrate = train.groupby('city')['y'].mean()\n"
      "test['city_rate'] = test['city'].map(rate)"),
    # ---- ML14x DATA_LEAKAGE: time
    R("ML141", "future-feature", "DATA_LEAKAGE", "A feature built from later rows (shift(-k), diff(-k))",
      "At prediction time the future value does not exist: the model is scored with information from the future.",
      "Build features from past rows only (shift(k), k > 0); keep shift(-k) for the target alone.",
      "df['next_ret'] = df['close'].shift(-1)\nX = df[['ret', 'next_ret']]",
      "df['lag_ret'] = df['close'].shift(1)\nX = df[['ret', 'lag_ret']]"),
    R("ML142", "centered-window", "DATA_LEAKAGE", "A feature built with a centred rolling window",
      "rolling(center=True) averages over later rows, which are not known at prediction time.",
      "Use a trailing window (center=False).",
      "df['ma7'] = df['y'].rolling(7, center=True).mean()",
      "df['ma7'] = df['y'].rolling(7).mean().shift(1)"),
    R("ML143", "backfill-across-split", "DATA_LEAKAGE", "Backward fill on all rows before the split",
      "bfill copies later (test) values into earlier (training) rows.",
      "Split first; fill forward or impute with training statistics.",
      "df = df.bfill()\ntrain, test = df[df.day < cut], df[df.day >= cut]",
      "train, test = df[df.day < cut], df[df.day >= cut]\ntrain = train.ffill()"),
    R("ML144", "shuffled-time-split", "DATA_LEAKAGE", "Random split of rows ordered in time",
      "The model trains on rows after the ones it is tested on, so the score overstates a real forecast.",
      "Split by time: shuffle=False, a date cutoff, or TimeSeriesSplit.",
      "df['lag1'] = df['y'].shift(1)\ntrain_test_split(X, y, random_state=0)",
      "df['lag1'] = df['y'].shift(1)\ntrain_test_split(X, y, shuffle=False)"),
    R("ML145", "train-on-future", "DATA_LEAKAGE", "Model fitted on the later period and tested on the earlier one",
      "Training on rows after the test period lets the model learn the future of what it is scored on.",
      "Train on the earlier period and test on the later one.",
      "new = df[df.month >= cut]\nold = df[df.month < cut]\nm.fit(new[X], new.y)\nm.score(old[X], old.y)",
      "old = df[df.month < cut]\nnew = df[df.month >= cut]\nm.fit(old[X], old.y)\nm.score(new[X], new.y)"),
    R("ML146", "features-after-cutoff", "DATA_LEAKAGE", "Features aggregated over events after the label's cutoff",
      "The label looks at events after a cutoff, but the features count every event, those after the cutoff too.",
      "Aggregate only the events before the cutoff.",
      "feats = ev.groupby('user').agg(n=('id', 'size'))\nlabel = ev[ev.t > cut]",
      "feats = ev[ev.t <= cut].groupby('user').agg(n=('id', 'size'))\nlabel = ev[ev.t > cut]"),
    R("ML147", "all-time-aggregate", "DATA_LEAKAGE", "Per-group statistic over all time before a time split",
      "Each row's group mean includes the group's later rows, which are not known at prediction time.",
      "Use expanding statistics of earlier rows only (shift(1).expanding()).",
      "df['cust_avg'] = df.groupby('cust')['amount'].transform('mean')",
      "df['cust_avg'] = df.groupby('cust')['amount'].transform(lambda s: s.shift(1).expanding().mean())"),
    R("ML148", "entity-rows-split", "DATA_LEAKAGE", "Dated rows of the same entities split at random",
      "Each entity has rows (other dates) on both sides of the split, so the score measures recognising it.",
      "Split by entity (GroupShuffleSplit / GroupKFold with groups=the id column) or by time.",
      "train_test_split(visits[X], visits.y)  # 230 patients, 1359 dated visits",
      "GroupShuffleSplit(test_size=0.2).split(visits[X], visits.y, groups=visits.patient_id)"),
    # ---- ML15x DATA_LEAKAGE: model selection
    R("ML151", "cv-score-as-final", "DATA_LEAKAGE", "The best cross-validated score reported as the result",
      "best_score_ is the maximum over the searched settings: optimistic, and no unseen rows are scored.",
      "Hold out a test split before the search (or nest the CV) and report the tuned model's test score.",
      "search.fit(X, y)\nprint(search.best_score_)",
      "search.fit(X_tr, y_tr)\nprint(search.score(X_te, y_te))"),
    R("ML152", "selection-on-test", "DATA_LEAKAGE", "A setting chosen by its score on the rows then reported",
      "Choosing k, a model or a threshold by the held-out score makes that score optimistic.",
      "Choose on a validation split or by CV on the training rows; score the test split once.",
      "for k in ks:\n    s = knn(k).fit(X_tr, y_tr).score(X_te, y_te)\n    if s > best: best = s",
      "for k in ks:\n    s = knn(k).fit(X_fit, y_fit).score(X_val, y_val)\n    ...\nfinal.score(X_te, y_te)"),
    R("ML153", "early-stopping-on-test", "DATA_LEAKAGE", "Early stopping on the test rows",
      "The number of rounds is tuned on the rows that are then scored: the test set took part in training.",
      "Early-stop on a validation split carved out of the training rows.",
      "m.fit(X_tr, y_tr, eval_set=[(X_te, y_te)])\nm.score(X_te, y_te)",
      "m.fit(X_fit, y_fit, eval_set=[(X_val, y_val)])\nm.score(X_te, y_te)"),
    # ---- ML2xx ENCODING_ERROR
    R("ML201", "encoder-refit-on-test", "ENCODING_ERROR", "Encoder fitted separately on train and on test",
      "The same category gets different codes or columns in train and test, so the model reads the test "
      "features wrongly.",
      "Fit the encoder once on the training rows and reuse it on the test rows.",
      "X_tr = LabelEncoder().fit_transform(tr['city'])\nX_te = LabelEncoder().fit_transform(te['city'])",
      "enc = LabelEncoder().fit(tr['city'])\nX_tr, X_te = enc.transform(tr['city']), enc.transform(te['city'])"),
    R("ML202", "get-dummies-separate", "ENCODING_ERROR", "pd.get_dummies on train and test separately, never aligned",
      "Categories missing from one part shift the columns, so feature j means different things in train and test.",
      "One-hot encode with a OneHotEncoder(handle_unknown='ignore') fitted on train, or reindex the test "
      "dummies to the train columns.",
      "X_tr = pd.get_dummies(tr)\nX_te = pd.get_dummies(te)",
      "X_tr = pd.get_dummies(tr)\nX_te = pd.get_dummies(te).reindex(columns=X_tr.columns, fill_value=0)"),
    R("ML203", "ordinal-nominal", "ENCODING_ERROR", "Integer codes for a nominal feature in a linear/kNN/SVM/MLP model",
      "The model treats the arbitrary codes as ordered quantities (city 3 is 'more' than city 1).",
      "One-hot encode nominal features for these models (trees cope with codes).",
      "df['city'] = df['city'].astype('category').cat.codes\nLogisticRegression().fit(df[cols], y)",
      "X = OneHotEncoder(handle_unknown='ignore').fit_transform(df[['city']])\nLogisticRegression().fit(X, y)"),
    R("ML205", "encoding-per-dataset", "ENCODING_ERROR", "Category codes learned separately on each dataset",
      "factorize, .cat.codes, an encoder fit or a vocabulary run on each file or part gives the same category "
      "different codes (and shifts them when a category is missing), so the model reads the wrong categories.",
      "Learn the mapping once on the training data (an encoder, or a shared pd.CategoricalDtype) and apply it "
      "to every dataset.",
      "for df in (train, test):\n    df['city'] = df['city'].astype('category').cat.codes",
      "cities = pd.CategoricalDtype(sorted(train['city'].unique()))\nfor df in (train, test):\n"
      "    df['city'] = df['city'].astype(cities).cat.codes"),
    R("ML206", "id-as-number", "ENCODING_ERROR", "An identifier or postal code used as a number in a linear/kNN model",
      "Store 40 is not 'twice' store 20 and zip 94158 is not 'more' than 94103: the model fits a slope to "
      "arbitrary labels.",
      "One-hot (or target-) encode the column, or drop it.",
      "X = df[['zipcode', 'sqft']]\nLinearRegression().fit(X, y)",
      "prep = ColumnTransformer([('zip', OneHotEncoder(handle_unknown='ignore'), ['zipcode'])], "
      "remainder='passthrough')\nmake_pipeline(prep, LinearRegression()).fit(X, y)"),
    R("ML207", "unseen-as-known-code", "ENCODING_ERROR", "Unseen categories filled with the code of a real one",
      "A vocabulary numbered from 0 and .fillna(0) after .map(vocab) reads every new category as the first "
      "known one, so the model scores it as that category.",
      "Reserve a code for unknown values (number from 1 and fill with 0), or use "
      "OneHotEncoder(handle_unknown='ignore').",
      "vocab = {v: i for i, v in enumerate(train.city.unique())}\nX['city'] = test.city.map(vocab).fillna(0)",
      "vocab = {v: i for i, v in enumerate(train.city.unique(), start=1)}\nX['city'] = test.city.map(vocab).fillna(0)"),
    R("ML208", "multi-valued-category", "ENCODING_ERROR", "A multi-valued column encoded as one category",
      "Cells such as 'pets;books' become one level per combination: most are rare or unseen, and the shared "
      "values are lost.",
      "Split the column into one indicator per value (df[col].str.get_dummies(sep=';') or MultiLabelBinarizer).",
      "OneHotEncoder(handle_unknown='ignore').fit(df[['interests']])",
      "X_int = df['interests'].str.get_dummies(sep=';')"),
    # ---- ML3xx SCALING_ERROR
    R("ML301", "scaler-refit-on-test", "SCALING_ERROR", "Scaler fitted again on the test rows",
      "Train and test are scaled with different parameters, so the same raw value maps to different inputs.",
      "Fit the scaler on train and only call transform() on test.",
      "X_tr = sc.fit_transform(X_tr)\nX_te = sc.fit_transform(X_te)",
      "X_tr = sc.fit_transform(X_tr)\nX_te = sc.transform(X_te)"),
    R("ML302", "inconsistent-scaling", "SCALING_ERROR", "Model fitted on scaled data but predicting on unscaled data",
      "The model sees inputs on a different scale at prediction time; its predictions are garbage.",
      "Apply the same fitted scaler to every input of the model (a Pipeline does it for you).",
      "model.fit(sc.fit_transform(X_tr), y_tr)\nmodel.predict(X_te)",
      "model.fit(sc.fit_transform(X_tr), y_tr)\nmodel.predict(sc.transform(X_te))"),
    R("ML303", "test-stats-scaling", "SCALING_ERROR", "Test features standardised with the test set's own statistics",
      "Test rows are scaled differently from train rows and the evaluation depends on the test batch.",
      "Standardise the test rows with the training mean/std.",
      "X_te = (X_te - X_te.mean()) / X_te.std()",
      "mu, sd = X_tr.mean(), X_tr.std()\nX_te = (X_te - mu) / sd"),
    R("ML304", "scaled-target", "SCALING_ERROR", "Scaler fitted on a classifier's label, or a target never scaled back",
      "Class labels become floats the classifier cannot use, or predictions stay in scaled units.",
      "Leave class labels alone; for regression, inverse_transform predictions (or use TransformedTargetRegressor).",
      "y = StandardScaler().fit_transform(y.reshape(-1, 1))\nLogisticRegression().fit(X, y)",
      "LogisticRegression().fit(X, y)"),
    R("ML305", "no-scaling", "SCALING_ERROR", "Scale-sensitive model with no feature scaling",
      "kNN, SVM, MLP, k-means, PCA and penalised linear models are dominated by the features with the largest range.",
      "Put a StandardScaler (or similar) in a Pipeline before the model.",
      "KNeighborsClassifier().fit(X_tr, y_tr)",
      "make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(X_tr, y_tr)"),
    R("ML306", "row-normalized", "SCALING_ERROR", "Rows normalised to unit length instead of scaling the features",
      "normalize()/Normalizer rescale each sample, not each feature: the features keep their different ranges.",
      "Scale the columns (StandardScaler in a Pipeline); keep row normalisation for text or embedding vectors.",
      "X = normalize(df[cols])\nKNeighborsRegressor().fit(X, y)",
      "make_pipeline(StandardScaler(), KNeighborsRegressor()).fit(df[cols], y)"),
    R("ML307", "scaler-clips-range", "SCALING_ERROR", "MinMaxScaler(clip=True) in front of a regressor",
      "New values beyond the training range are capped, so predictions saturate where values are largest.",
      "Drop clip=True (scaled values may exceed [0, 1]) or use StandardScaler.",
      "make_pipeline(MinMaxScaler(clip=True), Ridge())",
      "make_pipeline(MinMaxScaler(), Ridge())"),
    # ---- ML4xx IMBALANCE
    R("ML401", "accuracy-on-imbalanced", "IMBALANCE", "Accuracy as the only metric on a skewed target",
      "Predicting the majority class scores high accuracy while missing every rare case.",
      "Report precision/recall/F1, PR-AUC or balanced accuracy, and handle the skew (class_weight, resampling).",
      "print(accuracy_score(y_te, model.predict(X_te)))  # 2% positives",
      "print(average_precision_score(y_te, model.predict_proba(X_te)[:, 1]))"),
    R("ML402", "imbalance-unhandled", "IMBALANCE", "Strongly skewed classes with no handling at all",
      "The model learns to ignore the minority class.",
      "Use class_weight='balanced', sample weights, resampling of the training rows, or a tuned threshold.",
      "LogisticRegression().fit(X_tr, y_tr)  # 1% positives",
      "LogisticRegression(class_weight='balanced').fit(X_tr, y_tr)"),
    R("ML403", "split-not-stratified", "IMBALANCE", "Unstratified split of a rare class",
      "The test part may hold a handful (or none) of the rare cases, making the scores noise.",
      "Pass stratify=y to train_test_split (StratifiedKFold for CV).",
      "train_test_split(X, y, test_size=0.2)",
      "train_test_split(X, y, test_size=0.2, stratify=y)"),
    R("ML404", "resample-test-set", "IMBALANCE", "Resampling applied to the test rows",
      "The evaluation no longer has the real class balance, so the scores do not describe production.",
      "Resample only the training rows; evaluate on the untouched test rows.",
      "X_te, y_te = SMOTE().fit_resample(X_te, y_te)",
      "X_tr, y_tr = SMOTE().fit_resample(X_tr, y_tr)"),
    # ---- ML5xx OVERFITTING
    R("ML501", "unpruned-tree", "OVERFITTING", "A single decision tree with no depth or leaf limit",
      "An unlimited tree memorises the training rows, noise included.",
      "Limit max_depth / min_samples_leaf (tuned by CV) or use an ensemble.",
      "DecisionTreeClassifier(max_depth=None)",
      "DecisionTreeClassifier(max_depth=6, min_samples_leaf=20)"),
    R("ML502", "deep-boosting", "OVERFITTING", "Boosted trees with very deep trees (max_depth >= 12)",
      "Boosting deep trees fits noise quickly; boosting wants shallow learners.",
      "Use max_depth 3-8 and tune it with early stopping on a validation split.",
      "XGBClassifier(max_depth=16)",
      "XGBClassifier(max_depth=6)"),
    R("ML503", "weak-regularisation", "OVERFITTING", "Regularisation switched off (huge C, alpha ~ 0, huge gamma)",
      "Without a penalty the model fits the training noise.",
      "Tune C / alpha / gamma by cross-validation.",
      "SVC(C=1e6, gamma=100)",
      "GridSearchCV(SVC(), {'C': [0.1, 1, 10], 'gamma': ['scale', 0.1]})"),
    R("ML504", "knn-k1", "OVERFITTING", "k-nearest neighbours with k = 1",
      "1-NN reproduces every training label, noise included.",
      "Tune n_neighbors by cross-validation (typically 5-50).",
      "KNeighborsClassifier(n_neighbors=1)",
      "KNeighborsClassifier(n_neighbors=15)"),
    R("ML505", "high-degree-poly", "OVERFITTING", "Polynomial features or fit of degree >= 6",
      "High-degree polynomials oscillate between the training points.",
      "Use a low degree with regularisation, or a spline/tree model.",
      "PolynomialFeatures(degree=10)",
      "make_pipeline(PolynomialFeatures(degree=2), Ridge(alpha=1.0))"),
    R("ML506", "huge-mlp", "OVERFITTING", "A very wide MLP with no early stopping or regularisation",
      "Hundreds of thousands of weights on a small table memorise it.",
      "Use smaller layers, alpha > 0 and early_stopping=True.",
      "MLPClassifier(hidden_layer_sizes=(1024, 1024), max_iter=2000)",
      "MLPClassifier(hidden_layer_sizes=(64,), alpha=1e-3, early_stopping=True)"),
    R("ML507", "eval-on-train", "OVERFITTING", "The only reported score is computed on the training rows",
      "A training score says nothing about new data; an overfit model looks perfect.",
      "Hold out a test set (or cross-validate) and report that score.",
      "model.fit(X, y)\nprint(model.score(X, y))",
      "model.fit(X_tr, y_tr)\nprint(model.score(X_te, y_te))"),
    # ---- ML6xx UNDERFITTING
    R("ML601", "stump", "UNDERFITTING", "A tree or forest limited to one split (max_depth=1)",
      "A single split cannot capture the structure of the data.",
      "Allow deeper trees, tuned by cross-validation.",
      "RandomForestClassifier(max_depth=1)",
      "RandomForestClassifier(max_depth=None, min_samples_leaf=5)"),
    R("ML602", "too-few-estimators", "UNDERFITTING", "Boosting with n_estimators <= 5",
      "A handful of boosting rounds stops long before the model has learnt the signal.",
      "Use hundreds of rounds with early stopping on a validation split.",
      "GradientBoostingClassifier(n_estimators=3)",
      "GradientBoostingClassifier(n_estimators=300, n_iter_no_change=10)"),
    R("ML603", "strong-regularisation", "UNDERFITTING", "Regularisation too strong to fit (tiny C, huge alpha)",
      "The penalty shrinks every coefficient to ~0: the model predicts roughly a constant.",
      "Tune C / alpha / learning rate by cross-validation.",
      "LogisticRegression(C=1e-5)",
      "LogisticRegressionCV(Cs=10)"),
    R("ML604", "too-few-iterations", "UNDERFITTING", "Optimiser stopped after a handful of iterations",
      "max_iter this low stops before convergence; the model is barely trained.",
      "Raise max_iter (and scale the features) until it converges.",
      "MLPClassifier(max_iter=5)",
      "MLPClassifier(max_iter=500, early_stopping=True)"),
    R("ML605", "tiny-network", "UNDERFITTING", "An MLP with hidden layers of <= 2 units",
      "A network this small learns little beyond a near-linear boundary.",
      "Use wider hidden layers (e.g. (64, 32)).",
      "MLPClassifier(hidden_layer_sizes=(2,))",
      "MLPClassifier(hidden_layer_sizes=(64, 32))"),
    R("ML606", "too-few-features", "UNDERFITTING", "Feature selection or PCA down to a single feature",
      "One feature (or component) cannot carry the signal of a multi-feature problem.",
      "Choose k / n_components by cross-validation or explained variance.",
      "PCA(n_components=1)",
      "PCA(n_components=0.95)"),
    R("ML607", "linear-on-nonlinear", "UNDERFITTING", "Only linear models on a clearly non-linear problem",
      "Moons, circles or a sin/exp/x² target cannot be separated or fitted by a line.",
      "Add non-linear features or use a kernel, tree or neural model.",
      "X, y = make_moons(500)\nLogisticRegression().fit(X, y)",
      "X, y = make_moons(500)\nSVC(kernel='rbf').fit(X, y)"),
    # ---- ML7xx OUTLIER
    R("ML701", "sentinel-unhandled", "OUTLIER", "Placeholder values such as -999 or 9999 left in the data",
      "A sentinel read as a real number drags means, scales and squared-error fits far off.",
      "Replace sentinels with NaN and impute (or drop), before scaling and fitting.",
      "df = pd.read_csv('sensors.csv')  # -999 = missing\nLinearRegression().fit(df[cols], y)",
      "df = pd.read_csv('sensors.csv').replace(-999, np.nan)\nmake_pipeline(SimpleImputer(), LinearRegression())"),
    R("ML702", "outlier-filter-on-test", "OUTLIER", "Test rows dropped by an outlier threshold",
      "The evaluation silently excludes the hard cases, so the score is better than production will be.",
      "Filter outliers in the training rows only; evaluate on every test row.",
      "test = test[np.abs(zscore(test['x'])) < 3]",
      "train = train[np.abs(zscore(train['x'])) < 3]"),
    R("ML703", "clip-with-test-stats", "OUTLIER", "Test values clipped to bounds computed from the test set",
      "Test rows are transformed with their own statistics, unlike production inputs.",
      "Compute clipping bounds on the training rows and apply them to the test rows.",
      "X_te = X_te.clip(X_te.quantile(0.01), X_te.quantile(0.99))",
      "lo, hi = X_tr.quantile(0.01), X_tr.quantile(0.99)\nX_te = X_te.clip(lo, hi)"),
    R("ML704", "outlier-stats-before-split", "OUTLIER", "Outliers filtered with all rows' statistics before the split",
      "The outlier bounds are shaped by the test rows, and test rows are removed from the evaluation.",
      "Split first; compute outlier bounds on the training rows only.",
      "df = df[np.abs(zscore(df['x'])) < 3]\ntrain, test = train_test_split(df)",
      "train, test = train_test_split(df)\ntrain = train[np.abs(zscore(train['x'])) < 3]"),
    R("ML204", "ordinal-alphabetical", "ENCODING_ERROR", "OrdinalEncoder without categories on graded values",
      "The codes follow the alphabet (excellent < fair < good < poor), not the order of the grades.",
      "Pass categories=[[...lowest to highest...]] to OrdinalEncoder.",
      "OrdinalEncoder()  # condition: poor/fair/good/excellent",
      "OrdinalEncoder(categories=[['poor', 'fair', 'good', 'excellent']])"),
    R("ML405", "accuracy-selects", "IMBALANCE", "Threshold or search chosen by accuracy on a rare class",
      "Accuracy peaks where the rare class is (nearly) never predicted, so the choice favours missing it.",
      "Select by F1/F-beta, recall at a precision floor, balanced accuracy or average precision.",
      "best = grid[np.argmax([accuracy_score(y_val, p >= t) for t in grid])]",
      "best = grid[np.argmax([f1_score(y_val, p >= t) for t in grid])]"),
    R("ML406", "resample-before-split", "IMBALANCE", "One class down-sampled before the train/test split",
      "The test rows get an invented class ratio, so precision and alert counts look far better than in practice.",
      "Split first; resample only the training rows.",
      "neg = df[df.y == 0].sample(n=3 * n_pos)\ntrain, test = train_test_split(pd.concat([pos, neg]))",
      "train, test = train_test_split(df, stratify=df.y)\nneg = train[train.y == 0].sample(n=3 * n_pos)"),
    R("ML508", "select-by-train-score", "OVERFITTING", "Hyper-parameters ranked by their training-fold score",
      "mean_train_score favours the most flexible setting, the one that memorises the training rows.",
      "Rank by mean_test_score (search.best_params_).",
      "pd.DataFrame(search.cv_results_).sort_values('mean_train_score')",
      "search.best_params_"),
    R("ML608", "knn-k-share-of-rows", "UNDERFITTING", "kNN with n_neighbors a large share of the training rows",
      "The neighbourhood spans most of the data, so predictions drift to the majority.",
      "Use a small n_neighbors (5-30) tuned by cross-validation.",
      "KNeighborsClassifier(n_neighbors=len(y_train) // 3)",
      "KNeighborsClassifier(n_neighbors=15)"),
    R("ML705", "data-sentinel", "OUTLIER", "A placeholder value (999, -9999, -1) in the data, never filtered",
      "The data file holds a code far outside the column's range; the model fits it as a real, extreme value.",
      "Replace the code with NaN, then drop or impute on the training rows.",
      "df = pd.read_csv('orders.csv')  # minutes holds 999",
      "df = pd.read_csv('orders.csv')\ndf = df[df['minutes'] != 999]"),
    R("ML706", "clip-at-quartiles", "OUTLIER", "Values clipped to inner quantiles instead of outlier fences",
      "Clipping at Q1/Q3 (or the 10th/90th percentile) flattens half of every column, not only the extremes.",
      "Clip at fences (Q1 - 1.5*IQR, Q3 + 1.5*IQR) or at extreme training quantiles such as 0.01/0.99.",
      "lo, hi = X_tr.quantile(0.25), X_tr.quantile(0.75)\nX_tr = X_tr.clip(lo, hi, axis=1)",
      "lo, hi = X_tr.quantile(0.01), X_tr.quantile(0.99)\nX_tr = X_tr.clip(lo, hi, axis=1)"),
    R("ML707", "heavy-tail-unhandled", "OUTLIER", "A heavy-tailed column fed untransformed to a squared-error model",
      "The data file shows a column whose extremes lie far beyond its bulk; a few rows dominate the fit.",
      "Log-transform the column (or clip it at training quantiles), or use a robust loss such as Huber.",
      "LinearRegression().fit(df[['income', 'size']], y)  # income: median 40k, max 22M",
      "df['income'] = np.log1p(df['income'])\nLinearRegression().fit(df[['income', 'size']], y)"),
)  # fmt: skip
del R

BY_ID = {r.id: r for r in RULES}
BY_SLUG: dict[str, Rule] = {}
for _r in RULES:
    BY_SLUG.setdefault(_r.slug, _r)  # a slug used under two codes: the first registered answers by slug
BY_SLUG_CODE = {(r.slug, r.code): r for r in RULES}
_ID = re.compile(r"ML\d{1,3}")


def rule_for(slug: str, code: str | None = None) -> Rule | None:
    """The registered rule a finding names (its ``rule`` slug and, when given, its ``code``), or None."""
    return BY_SLUG_CODE.get((slug, code)) if code else BY_SLUG.get(slug)


def rule_id(slug: str, code: str | None = None) -> str:
    """``ML101`` for ``fit-before-split``; an unregistered slug is shown as ``ML000``."""
    r = rule_for(slug, code)
    return r.id if r else "ML000"


def lookup(token: str) -> Rule | None:
    """A rule by id (``ml101`` works) or slug."""
    t = token.strip()
    return BY_ID.get(t.upper()) or BY_SLUG.get(t.lower())


def matches(token: str, slug: str, code: str | None = None) -> bool:
    """Whether a ``--select``/``--ignore``/``noqa`` token names the rule ``slug`` (of ``code``): its
    id, an id prefix (``ML1``, ``ML10``), its slug, its bug code (``DATA_LEAKAGE``) or ``ALL``."""
    t = token.strip()
    r = rule_for(slug, code)
    if t.upper() == "ALL" or t.lower() == slug:
        return True
    if r is None:
        return t.upper() == code
    return (_ID.fullmatch(t.upper()) is not None and r.id.startswith(t.upper())) or t.upper() == r.code


def unknown_tokens(tokens: Iterable[str]) -> list[str]:
    """Tokens that name no registered rule, family or code (a typo in ``--select``)."""
    return [t for t in tokens if not any(matches(t, r.slug, r.code) for r in RULES)]


def explain(r: Rule) -> str:
    """The rule's doc as ``--explain`` prints it (Markdown-ish plain text)."""
    indent = "\n".join
    return (
        f"{r.id} {r.slug} [{r.code}]\n{r.title}.\n\n"
        f"Why it matters: {r.why}\n\nHow to fix: {r.fix}\n\n"
        f"Bad:\n{indent('    ' + line for line in r.bad.splitlines())}\n\n"
        f"Good:\n{indent('    ' + line for line in r.good.splitlines())}\n"
    )


START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def markdown() -> str:
    """The rules part of docs/lint.md: a table, then one section per rule (``helpUri`` anchors)."""
    rules = sorted(RULES, key=lambda r: r.id)
    out = ["| id | slug | code | what it finds |", "|---|---|---|---|"]
    out += [f"| [`{r.id}`](#{r.anchor}) | `{r.slug}` | {r.code} | {r.title} |" for r in rules]
    for r in rules:
        out += [f"\n### {r.id} {r.slug}\n", f"{r.code}. {r.title}.\n", f"{r.why}\n", f"**Fix:** {r.fix}\n"]
        out += [f"```python\n# bad\n{r.bad}\n# good\n{r.good}\n```"]
    return "\n".join(out)


def write_docs(path: str) -> None:
    """Replace the text between the rules markers of ``path`` (docs/lint.md) with ``markdown()``."""
    from pathlib import Path

    doc = Path(path).read_text(encoding="utf-8")
    head, rest = doc.split(START, 1)
    tail = rest.split(END, 1)[1]
    Path(path).write_text(f"{head}{START}\n{markdown()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":  # python -m mle_env.agents.detectors.rules [--write docs/lint.md]
    import sys

    if sys.argv[1:2] == ["--write"]:
        write_docs(sys.argv[2] if len(sys.argv) > 2 else DOCS_PAGE)
    else:
        print(markdown())
