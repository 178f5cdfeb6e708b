from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "serving_content_version"},
        ),
        migrations.CreateModel(
            name="Counter",
            fields=[
                ("key", models.CharField(max_length=250, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField()),
                ("expires", models.DateTimeField(db_index=True)),
            ],
            options={"db_table": "serving_counter"},
        ),
    ]
