# expect: DATA_LEAKAGE@10
TARGET = "readmitted_30d"
ID_COLS = ["encounter_id", "patient_nbr"]
NUMERIC = [
    "time_in_hospital",
    "num_lab_procedures",
    "num_medications",
    "number_inpatient",
    "number_emergency",
    "readmitted_30d",
]
CATEGORICAL = ["admission_type", "discharge_disposition", "age_band"]
